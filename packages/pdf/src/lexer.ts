/**
 * Low-level scanning of PDF bytes (ISO 32000-1 §7.2–7.3): white-space and comments, numbers,
 * names, literal and hex strings, keywords. Works on a Uint8Array by position, without
 * building token objects, so that parsing stays cheap on large files.
 */
import { CHAR_CLASS, isDigit, latin1 } from './bytes.js';
import { PdfError } from './errors.js';

export class Lexer {
  pos: number;
  /** Scratch buffer reused for string decoding. */
  private scratch = new Uint8Array(256);

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  get atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  peek(offset = 0): number {
    return this.bytes[this.pos + offset] ?? -1;
  }

  /** Skips white-space and `%` comments. */
  skipWs(): void {
    const b = this.bytes;
    const n = b.length;
    let p = this.pos;
    while (p < n) {
      const c = b[p]!;
      if (CHAR_CLASS[c] === 1) p++;
      else if (c === 0x25) {
        while (p < n && b[p] !== 0x0a && b[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
  }

  /** Reads a run of regular characters (a keyword or a bare token) without consuming delimiters. */
  readRegular(): string {
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    while (p < b.length && CHAR_CLASS[b[p]!] === 0) p++;
    this.pos = p;
    return latin1(b, start, p);
  }

  /** Is the keyword `word` at the current position, followed by a non-regular char? */
  isKeyword(word: string): boolean {
    const b = this.bytes;
    const p = this.pos;
    if (p + word.length > b.length) return false;
    for (let i = 0; i < word.length; i++) if (b[p + i] !== word.charCodeAt(i)) return false;
    const next = b[p + word.length];
    return next === undefined || CHAR_CLASS[next] !== 0;
  }

  /**
   * Reads an unsigned decimal integer (used for xref entries and object headers). Returns -1 and
   * leaves the position unchanged when there is none.
   */
  readUInt(): number {
    const b = this.bytes;
    let p = this.pos;
    let v = 0;
    const start = p;
    while (p < b.length && isDigit(b[p]!)) {
      v = v * 10 + (b[p]! - 0x30);
      p++;
    }
    if (p === start) return -1;
    if (p < b.length && CHAR_CLASS[b[p]!] === 0) return -1; // e.g. `12.5`, `12abc`
    this.pos = p;
    return v;
  }

  /**
   * Reads a number token (`+.5`, `-3.`, `1.0`, `007`). Returns undefined (position unchanged) when
   * the bytes at the position are not a number.
   */
  readNumber(): { value: number; isInt: boolean } | undefined {
    const b = this.bytes;
    let p = this.pos;
    let neg = false;
    // Tolerate repeated signs (`--5`, `+-1`) as some producers write them.
    while (b[p] === 0x2b || b[p] === 0x2d) {
      if (b[p] === 0x2d) neg = !neg;
      p++;
    }
    let intPart = 0;
    let digits = 0;
    while (p < b.length && isDigit(b[p]!)) {
      intPart = intPart * 10 + (b[p]! - 0x30);
      p++;
      digits++;
    }
    let isInt = true;
    let value = intPart;
    if (b[p] === 0x2e) {
      isInt = false;
      p++;
      let scale = 1;
      let frac = 0;
      let fracDigits = 0;
      while (p < b.length && isDigit(b[p]!)) {
        if (fracDigits < 15) {
          frac = frac * 10 + (b[p]! - 0x30);
          scale *= 10;
        }
        fracDigits++;
        p++;
      }
      digits += fracDigits;
      value = intPart + frac / scale;
    }
    if (digits === 0) return undefined;
    // Lenient: a stray sign or dot inside a number (`0.00-1`, `1.2.3`) ends the token.
    while (p < b.length && (isDigit(b[p]!) || b[p] === 0x2e || b[p] === 0x2d)) p++;
    this.pos = p;
    return { value: neg ? -value : value, isInt };
  }

  /** Reads a name after its `/` (position on the slash); decodes `#xx`. Value is latin1 of the bytes. */
  readName(): string {
    const b = this.bytes;
    let p = this.pos + 1;
    const start = p;
    let hasHash = false;
    while (p < b.length && CHAR_CLASS[b[p]!] === 0) {
      if (b[p] === 0x23) hasHash = true;
      p++;
    }
    this.pos = p;
    if (!hasHash) return latin1(b, start, p);
    let s = '';
    for (let i = start; i < p; i++) {
      const c = b[i]!;
      if (c === 0x23 && i + 2 < p && hexVal(b[i + 1]) >= 0 && hexVal(b[i + 2]) >= 0) {
        s += String.fromCharCode(hexVal(b[i + 1]) * 16 + hexVal(b[i + 2]));
        i += 2;
      } else s += String.fromCharCode(c);
    }
    return s;
  }

  private grow(len: number, need: number): void {
    if (len + need <= this.scratch.length) return;
    const next = new Uint8Array(Math.max(this.scratch.length * 2, len + need));
    next.set(this.scratch.subarray(0, len));
    this.scratch = next;
  }

  /** Reads a literal string `( … )` (position on the open paren): escapes, nesting, EOL rules. */
  readLiteralString(): Uint8Array {
    const b = this.bytes;
    const n = b.length;
    const start = this.pos;
    let p = start + 1;
    let depth = 1;
    let len = 0;
    for (;;) {
      if (p >= n) throw new PdfError('PDF_SYNTAX', 'unterminated literal string', start);
      let c = b[p++]!;
      if (c === 0x29) {
        if (--depth === 0) break;
      } else if (c === 0x28) depth++;
      else if (c === 0x5c) {
        if (p >= n) throw new PdfError('PDF_SYNTAX', 'unterminated literal string', start);
        const e = b[p++]!;
        switch (e) {
          case 0x6e: c = 0x0a; break; // \n
          case 0x72: c = 0x0d; break; // \r
          case 0x74: c = 0x09; break; // \t
          case 0x62: c = 0x08; break; // \b
          case 0x66: c = 0x0c; break; // \f
          case 0x0d: // backslash-EOL: line continuation, nothing is added
            if (b[p] === 0x0a) p++;
            continue;
          case 0x0a:
            continue;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2 && b[p]! >= 0x30 && b[p]! <= 0x37; k++) v = v * 8 + (b[p++]! - 0x30);
              c = v & 0xff; // high-order overflow is ignored (§7.3.4.2)
            } else c = e; // `\(`, `\)`, `\\` and unknown escapes: the char itself
        }
      } else if (c === 0x0d) {
        // An unescaped EOL (CR, LF or CRLF) is read as a single LF.
        if (b[p] === 0x0a) p++;
        c = 0x0a;
      }
      this.grow(len, 1);
      this.scratch[len++] = c;
    }
    this.pos = p;
    return this.scratch.slice(0, len);
  }

  /** Reads a hex string `< … >` (position on `<`). White-space is ignored, an odd digit count pads 0. */
  readHexString(lenient: boolean, warn: (m: string) => void): Uint8Array {
    const b = this.bytes;
    const start = this.pos;
    let p = start + 1;
    let len = 0;
    let hi = -1;
    for (;;) {
      if (p >= b.length) throw new PdfError('PDF_SYNTAX', 'unterminated hex string', start);
      const c = b[p++]!;
      if (c === 0x3e) break;
      const v = hexVal(c);
      if (v < 0) {
        if (CHAR_CLASS[c] === 1) continue;
        if (!lenient) throw new PdfError('PDF_SYNTAX', `invalid character 0x${c.toString(16)} in hex string`, p - 1);
        warn(`invalid character in hex string at byte ${p - 1} ignored`);
        continue;
      }
      if (hi < 0) hi = v;
      else {
        this.grow(len, 1);
        this.scratch[len++] = hi * 16 + v;
        hi = -1;
      }
    }
    if (hi >= 0) {
      this.grow(len, 1);
      this.scratch[len++] = hi * 16;
    }
    this.pos = p;
    return this.scratch.slice(0, len);
  }
}

export function hexVal(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
