/**
 * The slice of the revision-aware reader (`@paraphe/pdf` PdfDocument) the validator uses,
 * with small typed getters over COS values.
 */
import type { PdfDict, PdfObject, PdfRef } from '@paraphe/pdf';

export interface RevisionView {
  readonly index: number;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly xrefKind: 'table' | 'stream' | 'hybrid';
}

export interface EntryLike { readonly type: 'free' | 'offset' | 'compressed'; readonly offset?: number; readonly objStm?: number }

export interface PdfView {
  readonly bytes: Uint8Array;
  readonly revisions: readonly RevisionView[];
  readonly recovered: boolean;
  readonly warnings: readonly string[];
  getObject(num: number, rev?: number): PdfObject | undefined;
  resolve(obj: PdfObject | undefined, rev?: number): PdfObject | undefined;
  catalog(rev?: number): PdfDict;
  locate(num: number, rev?: number): EntryLike | undefined;
}

export function dictOf(obj: PdfObject | undefined): PdfDict | undefined {
  if (!obj) return undefined;
  if (obj.kind === 'dict') return obj;
  if (obj.kind === 'stream') return obj.dict;
  return undefined;
}

export function nameOf(obj: PdfObject | undefined): string | undefined {
  return obj?.kind === 'name' ? obj.value : undefined;
}

export function refOf(obj: PdfObject | undefined): PdfRef | undefined {
  return obj?.kind === 'ref' ? obj : undefined;
}

/** Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding ≈ Latin-1). */
export function textOf(obj: PdfObject | undefined): string | undefined {
  if (obj?.kind !== 'string') return undefined;
  const b = obj.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3));
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
}

/** Parses a PDF date (D:YYYYMMDDHHmmSSOHH'mm) into an ISO string, or null. */
export function pdfDateToIso(text: string | undefined): string | null {
  if (!text) return null;
  const m = /^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz, th = '00', tm = '00'] = m;
  const offset = !tz || tz === 'Z' || tz === 'z' ? 'Z' : `${tz}${th}:${tm}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
