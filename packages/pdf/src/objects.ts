/**
 * COS object model: the immutable values a PDF file is made of (ISO 32000-1 §7.3).
 * Parsed objects are frozen; writers build new ones instead of mutating.
 */

export type PdfObject =
  | PdfNull
  | PdfBool
  | PdfNumber
  | PdfName
  | PdfString
  | PdfArray
  | PdfDict
  | PdfStream
  | PdfRef;

export interface PdfNull { readonly kind: 'null' }
export interface PdfBool { readonly kind: 'bool'; readonly value: boolean }
/** `isInt` keeps the lexical form: `1` and `1.0` are different tokens for a writer. */
export interface PdfNumber { readonly kind: 'number'; readonly value: number; readonly isInt: boolean }
/** `value` is the decoded name (after `#xx` escapes), without the leading slash. */
export interface PdfName { readonly kind: 'name'; readonly value: string }
/** `bytes` are the decoded string bytes; `hex` records whether it was written `<…>`. */
export interface PdfString { readonly kind: 'string'; readonly bytes: Uint8Array; readonly hex: boolean }
export interface PdfArray { readonly kind: 'array'; readonly items: readonly PdfObject[] }
/** Keys are names without the slash; insertion order is kept for faithful re-serialisation. */
export interface PdfDict { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PdfObject> }
/**
 * A stream: its dictionary and its raw (still encoded) bytes. `dataOffset` is the absolute
 * file offset of the first data byte when parsed from a file, else -1.
 */
export interface PdfStream {
  readonly kind: 'stream';
  readonly dict: PdfDict;
  readonly raw: Uint8Array;
  readonly dataOffset: number;
}
export interface PdfRef { readonly kind: 'ref'; readonly num: number; readonly gen: number }

export const PDF_NULL: PdfNull = Object.freeze({ kind: 'null' });

export function pdfBool(value: boolean): PdfBool {
  return Object.freeze({ kind: 'bool', value });
}
export function pdfNumber(value: number, isInt = Number.isInteger(value)): PdfNumber {
  return Object.freeze({ kind: 'number', value, isInt });
}
export function pdfName(value: string): PdfName {
  return Object.freeze({ kind: 'name', value });
}
export function pdfString(bytes: Uint8Array | string, hex = false): PdfString {
  const b = typeof bytes === 'string' ? latin1Bytes(bytes) : bytes;
  return Object.freeze({ kind: 'string', bytes: b, hex });
}
export function pdfArray(items: readonly PdfObject[]): PdfArray {
  return Object.freeze({ kind: 'array', items: Object.freeze([...items]) });
}
export function pdfDict(entries: Iterable<readonly [string, PdfObject]> | Record<string, PdfObject>): PdfDict {
  const map = new Map<string, PdfObject>(
    Symbol.iterator in Object(entries)
      ? (entries as Iterable<readonly [string, PdfObject]>)
      : Object.entries(entries as Record<string, PdfObject>),
  );
  return Object.freeze({ kind: 'dict', entries: map });
}
export function pdfStream(dict: PdfDict, raw: Uint8Array, dataOffset = -1): PdfStream {
  return Object.freeze({ kind: 'stream', dict, raw, dataOffset });
}
export function pdfRef(num: number, gen = 0): PdfRef {
  return Object.freeze({ kind: 'ref', num, gen });
}

/** Returns a copy of `dict` with `key` set (or removed when `value` is undefined). */
export function withEntry(dict: PdfDict, key: string, value: PdfObject | undefined): PdfDict {
  const map = new Map(dict.entries);
  if (value === undefined) map.delete(key);
  else map.set(key, value);
  return Object.freeze({ kind: 'dict', entries: map });
}

export function dictGet(dict: PdfDict, key: string): PdfObject | undefined {
  return dict.entries.get(key);
}

export function refKey(ref: { num: number; gen: number }): string {
  return `${ref.num} ${ref.gen} R`;
}

export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
