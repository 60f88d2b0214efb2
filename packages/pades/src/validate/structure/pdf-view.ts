/**
 * The slice of the revision-aware reader (`@paraphe/pdf` PdfDocument) the validator uses, and
 * PDF date parsing. Typed getters over COS values live in diff/cos.ts.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';

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
