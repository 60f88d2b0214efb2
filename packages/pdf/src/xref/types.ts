/**
 * The revision model: one entry per incremental update of the file, each with the xref entries
 * its own section defines. The validator reasons about signatures per revision with this.
 */
import type { PdfDict } from '../objects.js';
import type { DecodeLimits } from '../limits.js';

export interface XrefEntry {
  readonly type: 'free' | 'offset' | 'compressed';
  readonly gen: number;
  /** Absolute offset of `num gen obj` (type 'offset'). */
  readonly offset?: number;
  /** Object stream number (type 'compressed'). */
  readonly objStm?: number;
  /** Index inside the object stream (type 'compressed'). */
  readonly index?: number;
}

export interface Revision {
  /** 0 = oldest. */
  readonly index: number;
  /** Where this revision's xref section/stream starts (its startxref value). */
  readonly xrefOffset: number;
  readonly xrefKind: 'table' | 'stream' | 'hybrid';
  /** This section's trailer dict (for streams: the xref stream dict). */
  readonly trailer: PdfDict;
  /** Entries defined by THIS section only. */
  readonly entries: ReadonlyMap<number, XrefEntry>;
  /** First byte of the bytes this revision appended (0 for the first). */
  readonly startOffset: number;
  /** Offset just after this revision's %%EOF marker and its EOL. */
  readonly endOffset: number;
}

export interface LoadOptions {
  /** Strict mode throws PDF_XREF where lenient mode (the default) would rebuild the xref. */
  strict?: boolean;
  limits?: Partial<DecodeLimits>;
}

/** One xref section as read from the file, before grouping into revisions. */
export interface XrefSection {
  readonly offset: number;
  readonly kind: 'table' | 'stream' | 'hybrid';
  readonly trailer: PdfDict;
  readonly entries: Map<number, XrefEntry>;
  /** Offset just after the section (after the trailer dict or the xref stream object). */
  readonly end: number;
}

export interface ReadContext {
  readonly lenient: boolean;
  readonly limits: DecodeLimits;
  warn(message: string): void;
}

export const FREE_ENTRY_0: XrefEntry = Object.freeze({ type: 'free', gen: 65535 });
