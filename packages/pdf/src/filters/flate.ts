/**
 * FlateDecode (zlib/deflate, ISO 32000-1 §7.4.4) with a hard output cap, and tolerant decoding of
 * truncated or garbage-tailed streams, which are common in real files. Also the writer's encoder.
 */
import { constants, deflateSync, inflateRawSync, inflateSync } from 'node:zlib';
import { PdfError } from '../errors.js';
import { outputTooLarge, type DecodeLimits } from '../limits.js';

export function flateEncode(data: Uint8Array): Uint8Array {
  return new Uint8Array(deflateSync(data));
}

export function flateDecode(data: Uint8Array, limits: DecodeLimits, warn: (m: string) => void): Uint8Array {
  const max = limits.maxOutputBytes;
  try {
    return inflate(data, max, false);
  } catch (e) {
    if (isTooLarge(e)) throw outputTooLarge('FlateDecode', limits);
  }
  // Truncated stream or garbage tail: keep what decodes.
  try {
    const partial = inflate(data, max, true);
    warn(`FlateDecode: stream is truncated or damaged; ${partial.length} bytes recovered`);
    return partial;
  } catch (e) {
    if (isTooLarge(e)) throw outputTooLarge('FlateDecode', limits);
  }
  // Corrupt data inside the stream: find the longest prefix that decodes (log2(n) attempts).
  let lo = 0;
  let hi = data.length;
  let best: Uint8Array | undefined;
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    try {
      best = inflate(data.subarray(0, mid), max, true);
      lo = mid;
    } catch (e) {
      if (isTooLarge(e)) throw outputTooLarge('FlateDecode', limits);
      hi = mid;
    }
  }
  if (best && best.length > 0) {
    warn(`FlateDecode: corrupt data after byte ${lo}; ${best.length} bytes recovered`);
    return best;
  }
  // Some producers omit the zlib header: try raw deflate.
  try {
    const raw = new Uint8Array(
      inflateRawSync(data, { maxOutputLength: max, finishFlush: constants.Z_SYNC_FLUSH }),
    );
    warn('FlateDecode: raw deflate data without zlib header');
    return raw;
  } catch (e) {
    if (isTooLarge(e)) throw outputTooLarge('FlateDecode', limits);
    throw new PdfError('PDF_FILTER', `FlateDecode: ${(e as Error).message}`);
  }
}

function inflate(data: Uint8Array, max: number, partial: boolean): Uint8Array {
  const out = inflateSync(data, {
    maxOutputLength: Math.max(1, max),
    ...(partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {}),
  });
  if (out.length > max) throw new RangeError('too large');
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function isTooLarge(e: unknown): boolean {
  return e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
}
