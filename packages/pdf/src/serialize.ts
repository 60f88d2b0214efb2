/**
 * Serialisation of COS objects back to PDF syntax (ISO 32000-1 §7.3): names escaped with #xx,
 * strings as hex or escaped literals, numbers never in exponent form, streams with a correct /Length.
 */
import { ByteWriter } from './bytes.js';
import { PdfError } from './errors.js';
import { pdfNumber, withEntry, type PdfObject } from './objects.js';

export function serializeObject(obj: PdfObject): Uint8Array {
  const w = new ByteWriter(256);
  writeObject(w, obj, 0);
  return w.toBytes();
}

/** `num gen obj … endobj` with a trailing newline. */
export function serializeIndirect(num: number, gen: number, obj: PdfObject): Uint8Array {
  const w = new ByteWriter(256);
  writeIndirect(w, num, gen, obj);
  return w.toBytes();
}

export function writeIndirect(w: ByteWriter, num: number, gen: number, obj: PdfObject): void {
  w.str(`${num} ${gen} obj\n`);
  writeObject(w, obj, 0);
  w.str('\nendobj\n');
}

const HEX = '0123456789ABCDEF';

export function writeObject(w: ByteWriter, obj: PdfObject, depth: number): void {
  if (depth > 512) throw new PdfError('PDF_LIMIT', 'object nested too deeply to serialise');
  switch (obj.kind) {
    case 'null':
      w.str('null');
      return;
    case 'bool':
      w.str(obj.value ? 'true' : 'false');
      return;
    case 'number':
      w.str(formatNumber(obj.value, obj.isInt));
      return;
    case 'name':
      writeName(w, obj.value);
      return;
    case 'string':
      if (obj.hex) writeHex(w, obj.bytes);
      else writeLiteral(w, obj.bytes);
      return;
    case 'ref':
      w.str(`${obj.num} ${obj.gen} R`);
      return;
    case 'array':
      w.byte(0x5b);
      obj.items.forEach((it, i) => {
        if (i > 0) w.byte(0x20);
        writeObject(w, it, depth + 1);
      });
      w.byte(0x5d);
      return;
    case 'dict':
      w.str('<<');
      for (const [k, v] of obj.entries) {
        writeName(w, k);
        w.byte(0x20);
        writeObject(w, v, depth + 1);
      }
      w.str('>>');
      return;
    case 'stream': {
      const dict = withEntry(obj.dict, 'Length', pdfNumber(obj.raw.length));
      writeObject(w, dict, depth);
      w.str('\nstream\n');
      w.bytes(obj.raw);
      w.str('\nendstream');
      return;
    }
  }
}

export function formatNumber(value: number, isInt: boolean): string {
  if (!Number.isFinite(value)) throw new PdfError('PDF_WRITE', `cannot write the number ${value}`);
  if (isInt || Number.isInteger(value)) {
    const s = Math.abs(value) < 1e21 ? Math.round(value).toFixed(0) : BigInt(Math.round(value)).toString();
    return isInt ? s : `${s}.0`;
  }
  let s = value.toFixed(10);
  s = s.replace(/0+$/, '');
  if (s.endsWith('.')) s += '0';
  if (s === '-0.0') s = '0.0';
  return s;
}

function writeName(w: ByteWriter, name: string): void {
  w.byte(0x2f);
  // Parsed names hold one char per byte; a name built with wider chars is written as UTF-8.
  const bytes = /[^\x00-\xff]/.test(name) ? Buffer.from(name, 'utf8') : Buffer.from(name, 'latin1');
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    // Outside the printable range, delimiters and `#` itself are written as #xx.
    if (c < 0x21 || c > 0x7e || c === 0x23 || '()<>[]{}/%'.includes(String.fromCharCode(c))) {
      w.byte(0x23).byte(HEX.charCodeAt(c >> 4)).byte(HEX.charCodeAt(c & 15));
    } else w.byte(c);
  }
}

function writeHex(w: ByteWriter, bytes: Uint8Array): void {
  w.byte(0x3c);
  for (const b of bytes) w.byte(HEX.charCodeAt(b >> 4)).byte(HEX.charCodeAt(b & 15));
  w.byte(0x3e);
}

function writeLiteral(w: ByteWriter, bytes: Uint8Array): void {
  w.byte(0x28);
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) w.byte(0x5c).byte(b);
    else if (b === 0x0d) w.str('\\r'); // a raw CR would be read back as LF
    else w.byte(b);
  }
  w.byte(0x29);
}
