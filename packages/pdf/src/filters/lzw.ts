/** LZWDecode (ISO 32000-1 §7.4.4) with /EarlyChange, bounded by the output limit. */
import { PdfError } from '../errors.js';
import { outputTooLarge, type Deadline, type DecodeLimits } from '../limits.js';

export function lzwDecode(data: Uint8Array, earlyChange: number, limits: DecodeLimits, deadline: Deadline): Uint8Array {
  const max = limits.maxOutputBytes;
  let out = new Uint8Array(Math.min(max, Math.max(1024, data.length * 4)));
  let len = 0;
  // Dictionary as prefix/suffix/length tables (no per-entry arrays).
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const lengths = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    lengths[i] = 1;
  }
  let next = 258;
  let codeLen = 9;
  let prev = -1;
  let bitBuf = 0;
  let bits = 0;
  let ip = 0;
  let steps = 0;
  const ensure = (extra: number): void => {
    if (len + extra > max) throw outputTooLarge('LZWDecode', limits);
    if (len + extra <= out.length) return;
    const grown = new Uint8Array(Math.min(max, Math.max(out.length * 2, len + extra)));
    grown.set(out.subarray(0, len));
    out = grown;
  };
  for (;;) {
    while (bits < codeLen && ip < data.length) {
      bitBuf = ((bitBuf << 8) | data[ip++]!) >>> 0;
      bits += 8;
    }
    if (bits < codeLen) break;
    const code = (bitBuf >>> (bits - codeLen)) & ((1 << codeLen) - 1);
    bits -= codeLen;
    if ((++steps & 0xffff) === 0) deadline.check('LZWDecode');
    if (code === 256) {
      next = 258;
      codeLen = 9;
      prev = -1;
      continue;
    }
    if (code === 257) break;
    let entry: number;
    let firstByte: number;
    if (code < next) {
      entry = code;
    } else if (code === next && prev >= 0) {
      entry = -1; // KwKwK case
    } else {
      throw new PdfError('PDF_FILTER', `LZWDecode: invalid code ${code}`);
    }
    if (entry >= 0) {
      const l = lengths[entry]!;
      ensure(l);
      let e = entry;
      for (let k = l - 1; k >= 0; k--) {
        out[len + k] = suffix[e]!;
        e = prefix[e]!;
      }
      firstByte = out[len]!;
      len += l;
    } else {
      const l = lengths[prev]! + 1;
      ensure(l);
      let e = prev;
      for (let k = l - 2; k >= 0; k--) {
        out[len + k] = suffix[e]!;
        e = prefix[e]!;
      }
      firstByte = out[len]!;
      out[len + l - 1] = firstByte;
      len += l;
    }
    if (prev >= 0 && next < 4096) {
      prefix[next] = prev;
      suffix[next] = firstByte;
      lengths[next] = lengths[prev]! + 1;
      next++;
    }
    prev = code;
    if (next + earlyChange >= 1 << codeLen && codeLen < 12) codeLen++;
  }
  return out.slice(0, len);
}
