/**
 * Cross-reference streams (ISO 32000-1 §7.5.8): binary entries described by /W and /Index,
 * usually Flate-compressed with a PNG predictor.
 */
import { PdfError } from '../errors.js';
import { decodeStream } from '../filters/decode.js';
import { Parser } from '../parser.js';
import type { PdfDict, PdfObject } from '../objects.js';
import type { ReadContext, XrefEntry } from './types.js';

export interface StreamSection {
  readonly entries: Map<number, XrefEntry>;
  readonly dict: PdfDict;
  readonly num: number;
  readonly end: number;
}

export function readXrefStream(bytes: Uint8Array, offset: number, ctx: ReadContext): StreamSection {
  const parser = new Parser(bytes, { lenient: ctx.lenient, maxDepth: ctx.limits.maxDepth, warn: (m) => ctx.warn(m) }, offset);
  const obj = parser.parseIndirect();
  if (!obj) throw new PdfError('PDF_XREF', 'neither an xref table nor an xref stream', offset);
  const stream = obj.value;
  if (stream.kind !== 'stream') throw new PdfError('PDF_XREF', `object ${obj.num} at the xref offset is not a stream`, offset);
  const dict = stream.dict;
  const type = dict.entries.get('Type');
  if (type?.kind !== 'name' || type.value !== 'XRef') {
    if (!ctx.lenient) throw new PdfError('PDF_XREF', 'xref stream lacks /Type /XRef', offset);
    ctx.warn(`xref stream at byte ${offset} lacks /Type /XRef`);
  }
  const w = intArray(dict.entries.get('W'));
  if (!w || w.length < 3 || w.some((x) => x < 0 || x > 8)) throw new PdfError('PDF_XREF', 'xref stream has an invalid /W', offset);
  const size = dict.entries.get('Size');
  const sizeN = size?.kind === 'number' ? size.value : 0;
  const index = intArray(dict.entries.get('Index')) ?? [0, sizeN];
  if (index.length % 2 !== 0) throw new PdfError('PDF_XREF', 'xref stream has an odd /Index', offset);
  const data = decodeStream(stream, { resolve: (o) => o, warn: (m) => ctx.warn(m) }, ctx.limits);
  const [w0, w1, w2] = [w[0]!, w[1]!, w[2]!];
  const rowLen = w0 + w1 + w2;
  if (rowLen === 0) throw new PdfError('PDF_XREF', 'xref stream /W describes empty entries', offset);
  const entries = new Map<number, XrefEntry>();
  let p = 0;
  outer: for (let s = 0; s < index.length; s += 2) {
    const first = index[s]!;
    const count = index[s + 1]!;
    if (count > ctx.limits.maxObjects) throw new PdfError('PDF_LIMIT', `xref stream subsection of ${count} entries`, offset);
    for (let i = 0; i < count; i++) {
      if (p + rowLen > data.length) {
        ctx.warn(`xref stream at byte ${offset} is shorter than its /Index declares`);
        break outer;
      }
      const t = w0 === 0 ? 1 : field(data, p, w0);
      const f2 = field(data, p + w0, w1);
      const f3 = field(data, p + w0 + w1, w2);
      p += rowLen;
      const num = first + i;
      if (entries.has(num)) continue;
      if (t === 0) entries.set(num, Object.freeze({ type: 'free', gen: f3 }));
      else if (t === 1) entries.set(num, Object.freeze({ type: 'offset', gen: f3, offset: f2 }));
      else if (t === 2) entries.set(num, Object.freeze({ type: 'compressed', gen: 0, objStm: f2, index: f3 }));
      // Other types are reserved: such entries are to be read as references to the null object.
    }
  }
  return { entries, dict, num: obj.num, end: obj.end };
}

function field(data: Uint8Array, p: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + data[p + i]!;
  return v;
}

function intArray(obj: PdfObject | undefined): number[] | undefined {
  if (obj?.kind !== 'array') return undefined;
  const out: number[] = [];
  for (const it of obj.items) {
    if (it.kind !== 'number' || !Number.isInteger(it.value) || it.value < 0) return undefined;
    out.push(it.value);
  }
  return out;
}
