/**
 * The /ByteRange and /Contents placeholders of a signature dictionary: written with fixed
 * widths, found again in the writer's output, then patched in place (same length) so that no
 * offset of the update moves.
 */
import { pdfArray, pdfNumber, pdfString, type PdfArray, type PdfString } from '@paraphe/pdf';
import { SignError } from './sign-error.js';

/** Ten digits per number: room for files up to ~9.3 GB. */
const WIDE = 9_999_999_999;

export function byteRangePlaceholder(): PdfArray {
  return pdfArray([pdfNumber(0), pdfNumber(WIDE), pdfNumber(WIDE), pdfNumber(WIDE)]);
}

/** A hex string of `size` zero bytes (2×size hex digits). */
export function contentsPlaceholder(size: number): PdfString {
  return pdfString(new Uint8Array(size), true);
}

/** Half-open spans within the update bytes. */
export interface PlaceholderLocation {
  /** From `[` to after `]`. */
  readonly byteRange: { readonly start: number; readonly end: number };
  /** From `<` to after `>`: exactly the gap the ByteRange leaves out. */
  readonly contents: { readonly start: number; readonly end: number };
}

const enc = (s: string) => new TextEncoder().encode(s);
const BYTE_RANGE_KEY = enc('/ByteRange');
const CONTENTS_KEY = enc('/Contents');
const ENDOBJ = enc('endobj');

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number, to = hay.length): number {
  outer: for (let i = from; i <= to - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const isWhite = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

/** Finds both placeholders inside the signature dictionary object that starts at `objectStart`. */
export function locatePlaceholders(update: Uint8Array, objectStart: number): PlaceholderLocation {
  const objectEnd = indexOf(update, ENDOBJ, objectStart);
  const fail = (what: string): never => {
    throw new SignError('SIGN_WRITE', `signature dictionary written without a recognisable ${what}`);
  };
  if (objectEnd < 0) fail('endobj');
  const br = indexOf(update, BYTE_RANGE_KEY, objectStart, objectEnd);
  if (br < 0) fail('/ByteRange');
  let i = br + BYTE_RANGE_KEY.length;
  while (isWhite(update[i])) i++;
  if (update[i] !== 0x5b) fail('/ByteRange array');
  const brStart = i;
  while (i < objectEnd && update[i] !== 0x5d) i++;
  const byteRange = { start: brStart, end: i + 1 };
  const ct = indexOf(update, CONTENTS_KEY, objectStart, objectEnd);
  if (ct < 0) fail('/Contents');
  i = ct + CONTENTS_KEY.length;
  while (isWhite(update[i])) i++;
  if (update[i] !== 0x3c) fail('/Contents hex string');
  const cStart = i;
  while (i < objectEnd && update[i] !== 0x3e) i++;
  return { byteRange, contents: { start: cStart, end: i + 1 } };
}

export type ByteRange = readonly [number, number, number, number];

/**
 * Writes the real ByteRange over the placeholder (padded with spaces to the same width).
 * `updateOffset` is the absolute offset of the update's first byte in the final file.
 */
export function patchByteRange(update: Uint8Array, loc: PlaceholderLocation, updateOffset: number): ByteRange {
  const gapStart = updateOffset + loc.contents.start;
  const gapEnd = updateOffset + loc.contents.end;
  const fileLength = updateOffset + update.length;
  const range: ByteRange = [0, gapStart, gapEnd, fileLength - gapEnd];
  const width = loc.byteRange.end - loc.byteRange.start;
  const text = `[${range.join(' ')}`;
  if (text.length + 1 > width) throw new SignError('SIGN_WRITE', 'ByteRange does not fit its placeholder');
  update.set(enc(text.padEnd(width - 1, ' ') + ']'), loc.byteRange.start);
  return range;
}

/** Hex-encodes `der` into the /Contents placeholder, keeping the zero padding after it. */
export function fillContents(update: Uint8Array, loc: PlaceholderLocation, der: Uint8Array): void {
  const capacity = (loc.contents.end - loc.contents.start - 2) / 2;
  if (der.length > capacity) {
    throw new SignError('SIGN_CONTENTS_TOO_SMALL', `CMS of ${der.length} bytes does not fit a /Contents of ${capacity} bytes`);
  }
  update.set(enc(Buffer.from(der).toString('hex').toUpperCase()), loc.contents.start + 1);
}

/** Capacity in bytes of the /Contents placeholder. */
export function contentsCapacity(loc: PlaceholderLocation): number {
  return (loc.contents.end - loc.contents.start - 2) / 2;
}
