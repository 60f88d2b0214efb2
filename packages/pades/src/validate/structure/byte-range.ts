/**
 * Checks a signature's /ByteRange against the file: four non-negative integers starting at 0,
 * ranges inside the file and in order, and a gap that is exactly this dictionary's own
 * /Contents hex string at that offset (defeats Signature Wrapping and Universal Signature
 * Forgery). Then classifies what the signed bytes cover.
 */
import type { PdfDict } from '@paraphe/pdf';
import type { Coverage } from '../report.js';
import type { PdfView } from './pdf-view.js';

export interface ByteRangeCheck {
  readonly byteRange: number[] | null;
  /** FORMAT_FAILURE reasons; empty when the byte range is well formed and consistent. */
  readonly problems: string[];
  /** The signed bytes, as views into the file (empty when the byte range is unusable). */
  readonly signed: Uint8Array[];
  /** The signature value to decode: from the file gap when consistent, else the dictionary's /Contents. */
  readonly contents: Uint8Array | null;
  readonly coverage: Coverage;
  /** Index of the revision whose end the signed bytes reach (null when none). */
  readonly revision: number | null;
}

const LT = 0x3c;
const GT = 0x3e;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isWhite(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

function readRange(dict: PdfDict): number[] | string {
  const br = dict.entries.get('ByteRange');
  if (!br) return 'the signature dictionary has no /ByteRange';
  if (br.kind !== 'array') return '/ByteRange is not a direct array';
  const out: number[] = [];
  for (const it of br.items) {
    if (it.kind !== 'number' || !it.isInt || !Number.isSafeInteger(it.value)) return '/ByteRange contains a value that is not an integer';
    out.push(it.value);
  }
  if (out.length !== 4) return `/ByteRange has ${out.length} entries instead of 4`;
  return out;
}

/** Decodes the hex string between `<` and `>` (exclusive) ; null when a non-hex byte occurs. */
function decodeGap(bytes: Uint8Array, from: number, to: number): Uint8Array | null {
  const digits: number[] = [];
  for (let i = from; i < to; i++) {
    const c = bytes[i]!;
    if (isHex(c)) digits.push(c);
    else if (!isWhite(c)) return null;
  }
  if (digits.length % 2 === 1) digits.push(0x30);
  return new Uint8Array(Buffer.from(String.fromCharCode(...digits.slice(0, 2 * Math.floor(digits.length / 2))), 'hex'));
}

function decodeGapFast(bytes: Uint8Array, from: number, to: number): Uint8Array | null {
  // Big signatures (tens of KB): avoid String.fromCharCode argument limits.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
  if (/[^0-9a-fA-F\s\0]/.test(text)) return null;
  const clean = text.replace(/[\s\0]/g, '');
  return new Uint8Array(Buffer.from(clean.length % 2 ? `${clean}0` : clean, 'hex'));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Where the revision `rev` ends, tolerating one EOL either way. */
function revisionEndingAt(doc: PdfView, end: number): number | null {
  const bytes = doc.bytes;
  for (const r of doc.revisions) {
    if (r.endOffset === end) return r.index;
    const lo = Math.min(r.endOffset, end);
    const hi = Math.max(r.endOffset, end);
    if (hi - lo <= 2) {
      let eolOnly = true;
      for (let i = lo; i < hi; i++) if (bytes[i] !== 0x0a && bytes[i] !== 0x0d) eolOnly = false;
      if (eolOnly) return r.index;
    }
  }
  return null;
}

export function checkByteRange(doc: PdfView, dict: PdfDict, container: number | null): ByteRangeCheck {
  const bytes = doc.bytes;
  const size = bytes.length;
  const contentsObj = dict.entries.get('Contents');
  const dictContents = contentsObj?.kind === 'string' ? contentsObj.bytes : null;
  const problems: string[] = [];
  if (!dictContents) problems.push('the signature dictionary has no /Contents string');
  const parsed = readRange(dict);
  if (typeof parsed === 'string') {
    return { byteRange: null, problems: [...problems, parsed], signed: [], contents: dictContents, coverage: 'UNCLEAR', revision: null };
  }
  const [a, b, c, d] = parsed as [number, number, number, number];
  const unusable = (reason: string): ByteRangeCheck => ({ byteRange: parsed, problems: [...problems, reason], signed: [], contents: dictContents, coverage: 'UNCLEAR', revision: null });
  if (a < 0 || b < 0 || c < 0 || d < 0) return unusable('/ByteRange contains a negative value');
  if (a !== 0) return unusable(`/ByteRange does not start at 0 (starts at ${a})`);
  if (c < b) return unusable('/ByteRange ranges overlap or are out of order');
  if (c + d > size) return unusable(`/ByteRange reaches byte ${c + d}, beyond the end of the file (${size} bytes)`);
  const signed = [bytes.subarray(0, b), bytes.subarray(c, c + d)];

  // The gap must be exactly one hex string: '<' at b, '>' at c-1, hex digits between.
  // Some writers exclude only the hex digits and sign the delimiters: accept both forms.
  let gapOk = true;
  let contents: Uint8Array | null = dictContents;
  let [hexFrom, hexTo] = [b + 1, c - 1];
  if (bytes[b] !== LT && b > 0 && bytes[b - 1] === LT && bytes[c] === GT) [hexFrom, hexTo] = [b, c];
  if (hexTo - hexFrom < 0 || bytes[hexFrom - 1] !== LT || bytes[hexTo] !== GT) {
    gapOk = false;
    problems.push(`the bytes excluded by /ByteRange (${b}..${c}) are not a hex string`);
  } else {
    const decoded = hexTo - hexFrom > 4096 ? decodeGapFast(bytes, hexFrom, hexTo) : decodeGap(bytes, hexFrom, hexTo);
    if (!decoded) {
      gapOk = false;
      problems.push(`the bytes excluded by /ByteRange (${b}..${c}) are not a single hex string`);
    } else if (dictContents && !equalBytes(decoded, dictContents)) {
      gapOk = false;
      problems.push('the hex string excluded by /ByteRange is not this signature dictionary\'s /Contents (the gap is larger or elsewhere)');
    } else {
      contents = decoded;
      // The gap must be preceded by the /Contents key of the dictionary itself...
      let k = hexFrom - 2;
      while (k >= 0 && isWhite(bytes[k])) k--;
      const key = Buffer.from(bytes.subarray(Math.max(0, k - 8), k + 1)).toString('latin1');
      if (key !== '/Contents') {
        gapOk = false;
        problems.push('the hex string excluded by /ByteRange is not preceded by /Contents');
      }
      // ...and lie inside the object that holds this dictionary.
      if (container !== null) {
        const loc = doc.locate(container);
        if (!loc || loc.type !== 'offset' || loc.offset === undefined) {
          gapOk = false;
          problems.push(`the signature dictionary (object ${container}) is not stored as a plain object in the file, so its /Contents cannot be the excluded bytes`);
        } else if (loc.offset > b) {
          gapOk = false;
          problems.push(`the excluded hex string (at ${b}) lies before the signature dictionary object ${container} (at ${loc.offset})`);
        } else {
          const between = Buffer.from(bytes.subarray(loc.offset, b)).toString('latin1');
          if (between.includes('endobj')) {
            gapOk = false;
            problems.push(`the excluded hex string (at ${b}) is not inside the signature dictionary object ${container} (at ${loc.offset})`);
          }
        }
      }
    }
  }

  const end = c + d;
  let coverage: Coverage;
  let revision = revisionEndingAt(doc, end);
  if (!gapOk) coverage = 'UNCLEAR';
  else if (end === size) {
    coverage = 'ENTIRE_FILE';
    if (revision === null) revision = doc.revisions.length - 1;
  } else if (revision !== null) coverage = 'ENTIRE_REVISION';
  else coverage = 'CONTIGUOUS_BLOCK_FROM_START';
  if (coverage === 'CONTIGUOUS_BLOCK_FROM_START') problems.push(`the signed bytes end at ${end}, which is not the end of a revision: the rest of that revision is not covered`);
  return { byteRange: parsed, problems, signed, contents, coverage, revision };
}
