/** ASCIIHexDecode and ASCII85Decode (ISO 32000-1 §7.4.2–7.4.3). */
import { ByteWriter, isWhite } from '../bytes.js';
import { PdfError } from '../errors.js';
import { hexVal } from '../lexer.js';

export function asciiHexDecode(data: Uint8Array, warn: (m: string) => void): Uint8Array {
  const out = new Uint8Array((data.length >> 1) + 1);
  let len = 0;
  let hi = -1;
  let i = 0;
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x3e) break; // EOD
    const v = hexVal(c);
    if (v < 0) {
      if (isWhite(c)) continue;
      throw new PdfError('PDF_FILTER', `ASCIIHexDecode: invalid character 0x${c.toString(16)} at ${i}`);
    }
    if (hi < 0) hi = v;
    else {
      out[len++] = hi * 16 + v;
      hi = -1;
    }
  }
  if (i >= data.length) warn('ASCIIHexDecode: missing EOD marker');
  if (hi >= 0) out[len++] = hi * 16;
  return out.subarray(0, len);
}

export function ascii85Decode(data: Uint8Array, warn: (m: string) => void): Uint8Array {
  const w = new ByteWriter(Math.ceil((data.length * 4) / 5) + 4);
  let group = 0;
  let count = 0;
  let i = 0;
  // An optional `<~` prefix is tolerated (some producers copy the Adobe framing).
  if (data[0] === 0x3c && data[1] === 0x7e) i = 2;
  let ended = false;
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) {
      ended = true;
      break;
    }
    if (isWhite(c)) continue;
    if (c === 0x7a && count === 0) {
      w.byte(0).byte(0).byte(0).byte(0);
      continue;
    }
    if (c < 0x21 || c > 0x75) throw new PdfError('PDF_FILTER', `ASCII85Decode: invalid character 0x${c.toString(16)} at ${i}`);
    group = group * 85 + (c - 0x21);
    if (++count === 5) {
      if (group > 0xffffffff) throw new PdfError('PDF_FILTER', 'ASCII85Decode: group overflow');
      w.byte((group >>> 24) & 0xff).byte((group >>> 16) & 0xff).byte((group >>> 8) & 0xff).byte(group & 0xff);
      group = 0;
      count = 0;
    }
  }
  if (!ended) warn('ASCII85Decode: missing EOD marker');
  if (count === 1) throw new PdfError('PDF_FILTER', 'ASCII85Decode: final group has a single character');
  if (count > 1) {
    for (let k = count; k < 5; k++) group = group * 85 + 84;
    const bytes = [(group >>> 24) & 0xff, (group >>> 16) & 0xff, (group >>> 8) & 0xff, group & 0xff];
    for (let k = 0; k < count - 1; k++) w.byte(bytes[k]!);
  }
  return w.toBytes();
}
