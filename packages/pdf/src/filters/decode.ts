/**
 * Stream decoding through its filter chain (ISO 32000-1 §7.4) under resource limits. Image
 * codecs (DCT, JPX, CCITT, JBIG2) are passed through undecoded and reported as such.
 */
import { PdfError } from '../errors.js';
import { Deadline, outputTooLarge, resolveLimits, type DecodeLimits } from '../limits.js';
import type { PdfDict, PdfObject, PdfStream } from '../objects.js';
import { ascii85Decode, asciiHexDecode } from './ascii.js';
import { flateDecode } from './flate.js';
import { lzwDecode } from './lzw.js';
import { applyPredictor } from './predictor.js';
import { runLengthDecode } from './run-length.js';

/** What decoding needs from a document: indirect values in /Filter or /DecodeParms, and a warning sink. */
export interface StreamContext {
  resolve(obj: PdfObject | undefined): PdfObject | undefined;
  warn?(message: string): void;
}

export interface DecodedStream {
  readonly data: Uint8Array;
  /** Image filters left undecoded, in chain order (empty when fully decoded). */
  readonly undecoded: readonly string[];
  readonly warnings: readonly string[];
}

const ABBREVIATIONS: Record<string, string> = {
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
  LZW: 'LZWDecode',
  Fl: 'FlateDecode',
  RL: 'RunLengthDecode',
  CCF: 'CCITTFaxDecode',
  DCT: 'DCTDecode',
};
const IMAGE_FILTERS = new Set(['DCTDecode', 'JPXDecode', 'CCITTFaxDecode', 'JBIG2Decode']);

/** Decoded bytes of `stream`; image filters are left encoded (see {@link decodeStreamDetailed}). */
export function decodeStream(stream: PdfStream, doc?: StreamContext, limits?: Partial<DecodeLimits>): Uint8Array {
  return decodeStreamDetailed(stream, doc, limits).data;
}

export function decodeStreamDetailed(
  stream: PdfStream,
  doc?: StreamContext,
  partialLimits?: Partial<DecodeLimits>,
): DecodedStream {
  const limits = resolveLimits(partialLimits);
  const deadline = new Deadline(limits);
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
    doc?.warn?.(m);
  };
  const resolve = (o: PdfObject | undefined): PdfObject | undefined => (doc ? doc.resolve(o) : o);
  const filters = asList(resolve(stream.dict.entries.get('Filter')), resolve).map((f) => {
    if (f?.kind !== 'name') throw new PdfError('PDF_FILTER', 'stream /Filter entry is not a name');
    return ABBREVIATIONS[f.value] ?? f.value;
  });
  if (filters.length > limits.maxFilters) {
    throw new PdfError('PDF_LIMIT', `stream has ${filters.length} filters (maxFilters is ${limits.maxFilters})`);
  }
  const parmsList = asList(resolve(stream.dict.entries.get('DecodeParms') ?? stream.dict.entries.get('DP')), resolve);
  let data = stream.raw;
  for (let i = 0; i < filters.length; i++) {
    deadline.check('stream decoding');
    const name = filters[i]!;
    if (IMAGE_FILTERS.has(name)) return { data, undecoded: filters.slice(i), warnings };
    const parms = resolve(parmsList[i]);
    data = applyFilter(name, data, parms?.kind === 'dict' ? parms : undefined, limits, deadline, warn, resolve);
    if (data.length > limits.maxOutputBytes) throw outputTooLarge(name, limits);
  }
  return { data, undecoded: [], warnings };
}

function applyFilter(
  name: string,
  data: Uint8Array,
  parms: PdfDict | undefined,
  limits: DecodeLimits,
  deadline: Deadline,
  warn: (m: string) => void,
  resolve: (o: PdfObject | undefined) => PdfObject | undefined,
): Uint8Array {
  const int = (key: string, dflt: number): number => {
    const v = resolve(parms?.entries.get(key));
    return v?.kind === 'number' ? Math.trunc(v.value) : dflt;
  };
  const predict = (decoded: Uint8Array): Uint8Array =>
    applyPredictor(
      decoded,
      { predictor: int('Predictor', 1), colors: int('Colors', 1), bitsPerComponent: int('BitsPerComponent', 8), columns: int('Columns', 1) },
      warn,
    );
  switch (name) {
    case 'FlateDecode':
      return predict(flateDecode(data, limits, warn));
    case 'LZWDecode':
      return predict(lzwDecode(data, int('EarlyChange', 1), limits, deadline));
    case 'ASCIIHexDecode':
      return asciiHexDecode(data, warn);
    case 'ASCII85Decode':
      return ascii85Decode(data, warn);
    case 'RunLengthDecode':
      return runLengthDecode(data, limits, warn);
    case 'Crypt':
      // Identity crypt filter is the only one that can be applied without keys.
      {
        const cf = resolve(parms?.entries.get('Name'));
        if (cf === undefined || (cf.kind === 'name' && cf.value === 'Identity')) return data;
      }
      throw new PdfError('PDF_ENCRYPTED', 'Crypt filter needs decryption');
    default:
      throw new PdfError('PDF_FILTER', `unsupported filter /${name}`);
  }
}

function asList(
  obj: PdfObject | undefined,
  resolve: (o: PdfObject | undefined) => PdfObject | undefined,
): (PdfObject | undefined)[] {
  if (obj === undefined || obj.kind === 'null') return [];
  if (obj.kind === 'array') return obj.items.map((i) => resolve(i));
  return [obj];
}
