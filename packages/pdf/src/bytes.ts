/**
 * Byte-level helpers shared by the lexer, the xref reader and the writer: PDF character classes,
 * latin1 conversions, fast searches and a growable output buffer (no per-byte string building).
 */

/** 1 = white-space, 2 = delimiter, 0 = regular (ISO 32000-1 §7.2.2). */
export const CHAR_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) t[c] = 1;
  for (const c of '()<>[]{}/%') t[c.charCodeAt(0)] = 2;
  return t;
})();

export function isWhite(c: number): boolean {
  return CHAR_CLASS[c] === 1;
}
export function isDelimiter(c: number): boolean {
  return CHAR_CLASS[c] === 2;
}
/** True for a regular character (neither white-space nor delimiter). */
export function isRegular(c: number): boolean {
  return CHAR_CLASS[c] === 0;
}
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Bytes → string, one char per byte (exact round trip with {@link ascii}). */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start <= 24) {
    // Names and keywords are short: a loop avoids a Buffer allocation per token.
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** First index of `needle` in `hay` at or after `from` (-1 if none). Uses the native search. */
export function indexOf(hay: Uint8Array, needle: Uint8Array | string, from = 0): number {
  const buf = Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength);
  return buf.indexOf(typeof needle === 'string' ? Buffer.from(needle, 'latin1') : needle, from);
}

/** Last index of `needle` in `hay` starting at or before `from` (-1 if none). */
export function lastIndexOf(hay: Uint8Array, needle: string, from = hay.length): number {
  const buf = Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength);
  return buf.lastIndexOf(Buffer.from(needle, 'latin1'), from);
}

/** Does `hay` hold the ASCII `word` at `pos`? */
export function matchAt(hay: Uint8Array, pos: number, word: string): boolean {
  if (pos < 0 || pos + word.length > hay.length) return false;
  for (let i = 0; i < word.length; i++) if (hay[pos + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Growable byte buffer for serialisation and decoders. */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;
  constructor(initial = 1024) {
    this.buf = new Uint8Array(Math.max(16, initial));
  }
  get length(): number {
    return this.len;
  }
  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number): this {
    this.ensure(1);
    this.buf[this.len++] = b;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }
  /** Appends an ASCII/latin1 string. */
  str(s: string): this {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i) & 0xff;
    return this;
  }
  lastByte(): number | undefined {
    return this.len > 0 ? this.buf[this.len - 1] : undefined;
  }
  /** A copy of the written bytes. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
