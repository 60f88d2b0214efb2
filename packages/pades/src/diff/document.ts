/**
 * The slice of the revision-aware reader (`@paraphe/pdf` PdfDocument) that diff analysis uses,
 * plus safe accessors that turn unreadable objects into reasons instead of crashes.
 */
import { PdfError, type PdfDict, type PdfObject } from '@paraphe/pdf';

/** One revision as the reader exposes it (oldest first). `entries` holds only that section's entries. */
export interface RevisionLike {
  readonly index: number;
  /** Offset of this revision's xref section as reached by the chain (its startxref value). */
  readonly xrefOffset?: number;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly entries: ReadonlyMap<number, unknown>;
}

export interface RevisionedDocument {
  /** The whole file; used to check that xref entries land on the object headers they name. */
  readonly bytes?: Uint8Array;
  readonly revisions: readonly RevisionLike[];
  getObject(num: number, rev?: number): PdfObject | undefined | null;
  trailer(rev?: number): PdfDict;
}

/** Normalised xref entry: where one revision says an object lives. */
export type EntryView =
  | { readonly type: 'free'; readonly gen: number }
  | { readonly type: 'offset'; readonly gen: number; readonly offset: number }
  | { readonly type: 'compressed'; readonly gen: number; readonly stream: number; readonly index: number };

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Reads a reader XrefEntry (`@paraphe/pdf` xref/types.ts) into a narrowed union. */
export function entryView(raw: unknown): EntryView {
  const e = (raw ?? {}) as Record<string, unknown>;
  const tag = String(e['type'] ?? '');
  const gen = num(e['gen']) ?? 0;
  const stream = num(e['objStm']) ?? num(e['stream']);
  if (tag === 'free') return { type: 'free', gen };
  if (tag === 'compressed') {
    return { type: 'compressed', gen, stream: stream ?? -1, index: num(e['index']) ?? -1 };
  }
  return { type: 'offset', gen, offset: num(e['offset']) ?? -1 };
}

/** Result of resolving an object: its value, or why it could not be read. */
export type Resolved = { readonly ok: true; readonly value: PdfObject | undefined } | { readonly ok: false; readonly reason: string };

export function readObject(doc: RevisionedDocument, objNum: number, rev: number): Resolved {
  try {
    const value = doc.getObject(objNum, rev);
    return { ok: true, value: value ?? undefined };
  } catch (err) {
    // Only the reader's own verdicts about the file become reasons; anything else is a bug.
    if (!(err instanceof PdfError)) throw err;
    return { ok: false, reason: `${err.code}: ${err.message}` };
  }
}

/** The value of an object, or undefined when it is missing, null or unreadable. */
export function objectAt(doc: RevisionedDocument, objNum: number, rev: number): PdfObject | undefined {
  const r = readObject(doc, objNum, rev);
  if (!r.ok || !r.value || r.value.kind === 'null') return undefined;
  return r.value;
}

/** Follows one level of reference (the COS model never nests refs to refs legitimately). */
export function deref(doc: RevisionedDocument, obj: PdfObject | undefined, rev: number): PdfObject | undefined {
  let cur = obj;
  for (let hops = 0; cur && cur.kind === 'ref' && hops < 32; hops++) cur = objectAt(doc, cur.num, rev);
  return cur && cur.kind === 'ref' ? undefined : cur;
}

/** Which object numbers a revision's own xref section declares, with their entries. */
export function sectionEntries(doc: RevisionedDocument, rev: number): Map<number, EntryView> {
  const out = new Map<number, EntryView>();
  const r = doc.revisions[rev];
  if (!r) return out;
  for (const [n, raw] of r.entries) out.set(n, entryView(raw));
  return out;
}

/** The entry in force for `objNum` as of revision `rev` (newest section at or before it that declares it). */
export function entryInForce(doc: RevisionedDocument, objNum: number, rev: number): { rev: number; entry: EntryView } | undefined {
  for (let r = rev; r >= 0; r--) {
    const raw = doc.revisions[r]?.entries.get(objNum);
    if (raw !== undefined) return { rev: r, entry: entryView(raw) };
  }
  return undefined;
}

/** True when `objNum` denotes an object (not free, not absent) in revision `rev`. */
export function inUse(doc: RevisionedDocument, objNum: number, rev: number): boolean {
  const found = entryInForce(doc, objNum, rev);
  return found !== undefined && found.entry.type !== 'free';
}
