/**
 * Predictor post-processing for Flate/LZW data (ISO 32000-1 §7.4.4.4): TIFF predictor 2 and the
 * PNG predictors 10–15 (each row carries its own filter type byte).
 */
import { PdfError } from '../errors.js';

export interface PredictorParams {
  readonly predictor: number;
  readonly colors: number;
  readonly bitsPerComponent: number;
  readonly columns: number;
}

export function applyPredictor(data: Uint8Array, p: PredictorParams, warn: (m: string) => void): Uint8Array {
  if (p.predictor <= 1) return data;
  if (![1, 2, 4, 8, 16].includes(p.bitsPerComponent) || p.colors < 1 || p.colors > 32 || p.columns < 1) {
    throw new PdfError('PDF_FILTER', `invalid predictor parameters ${JSON.stringify(p)}`);
  }
  const bpp = Math.max(1, Math.ceil((p.colors * p.bitsPerComponent) / 8));
  const rowBytes = Math.ceil((p.colors * p.bitsPerComponent * p.columns) / 8);
  if (p.predictor === 2) return tiff(data, p, rowBytes);
  if (p.predictor >= 10 && p.predictor <= 15) return png(data, bpp, rowBytes, warn);
  throw new PdfError('PDF_FILTER', `unsupported predictor ${p.predictor}`);
}

function png(data: Uint8Array, bpp: number, rowBytes: number, warn: (m: string) => void): Uint8Array {
  const rows = Math.ceil(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let prev = new Uint8Array(rowBytes);
  let ip = 0;
  let op = 0;
  for (let r = 0; r < rows; r++) {
    const type = data[ip++]!;
    const row = out.subarray(op, op + rowBytes);
    const avail = Math.min(rowBytes, data.length - ip);
    row.set(data.subarray(ip, ip + avail));
    ip += avail;
    if (avail < rowBytes) warn('PNG predictor: last row is short');
    switch (type) {
      case 0:
        break;
      case 1:
        for (let i = bpp; i < rowBytes; i++) row[i] = (row[i]! + row[i - bpp]!) & 0xff;
        break;
      case 2:
        for (let i = 0; i < rowBytes; i++) row[i] = (row[i]! + prev[i]!) & 0xff;
        break;
      case 3:
        for (let i = 0; i < rowBytes; i++) {
          const left = i >= bpp ? row[i - bpp]! : 0;
          row[i] = (row[i]! + ((left + prev[i]!) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let i = 0; i < rowBytes; i++) {
          const a = i >= bpp ? row[i - bpp]! : 0;
          const b = prev[i]!;
          const c = i >= bpp ? prev[i - bpp]! : 0;
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          row[i] = (row[i]! + pred) & 0xff;
        }
        break;
      default:
        throw new PdfError('PDF_FILTER', `PNG predictor: unknown row filter type ${type}`);
    }
    prev = row;
    op += rowBytes;
    if (avail < rowBytes) return out.subarray(0, op - rowBytes + avail);
  }
  return out;
}

function tiff(data: Uint8Array, p: PredictorParams, rowBytes: number): Uint8Array {
  const out = new Uint8Array(data);
  const { colors, bitsPerComponent: bpc } = p;
  for (let rowStart = 0; rowStart < out.length; rowStart += rowBytes) {
    const row = out.subarray(rowStart, Math.min(out.length, rowStart + rowBytes));
    if (bpc === 8) {
      for (let i = colors; i < row.length; i++) row[i] = (row[i]! + row[i - colors]!) & 0xff;
    } else if (bpc === 16) {
      for (let i = colors * 2; i + 1 < row.length; i += 2) {
        const v = ((row[i]! << 8) | row[i + 1]!) + ((row[i - colors * 2]! << 8) | row[i - colors * 2 + 1]!);
        row[i] = (v >> 8) & 0xff;
        row[i + 1] = v & 0xff;
      }
    } else {
      // Sub-byte components: unpack, add the left sample, repack.
      const mask = (1 << bpc) - 1;
      const samples = Math.floor((row.length * 8) / bpc);
      const prev = new Array<number>(colors).fill(0);
      for (let s = 0; s < samples; s++) {
        const bit = s * bpc;
        const byte = bit >> 3;
        const shift = 8 - bpc - (bit & 7);
        const v = ((row[byte]! >> shift) & mask) + prev[s % colors]!;
        const nv = v & mask;
        prev[s % colors] = nv;
        row[byte] = (row[byte]! & ~(mask << shift)) | (nv << shift);
      }
    }
  }
  return out;
}
