/**
 * Everything a rule needs to judge one later revision against the signed one: both revisions'
 * objects and usage maps, the set of objects the later revision really changed, and the ledger
 * where rules record what they justify.
 */
import type { PdfObject, PdfRef } from '@paraphe/pdf';
import { refsIn } from './cos.js';
import { inUse, objectAt, type RevisionedDocument } from './document.js';
import type { Approval, Ledger } from './ledger.js';
import type { Usage, UsageMap } from './usage-map.js';

export interface DiffContext {
  readonly doc: RevisionedDocument;
  /** The signed revision. */
  readonly oldRev: number;
  /** The later revision under review. */
  readonly newRev: number;
  readonly oldUsage: UsageMap;
  readonly newUsage: UsageMap;
  /** Objects declared by the reviewed revision's xref section whose value differs from the signed one. */
  readonly changed: ReadonlySet<number>;
  readonly ledger: Ledger;
}

export function oldObject(ctx: DiffContext, n: number): PdfObject | undefined {
  return objectAt(ctx.doc, n, ctx.oldRev);
}

export function newObject(ctx: DiffContext, n: number): PdfObject | undefined {
  return objectAt(ctx.doc, n, ctx.newRev);
}

/** Resolves a possibly indirect value in the signed revision. */
export function oldValue(ctx: DiffContext, v: PdfObject | undefined): PdfObject | undefined {
  return v && v.kind === 'ref' ? oldObject(ctx, v.num) : v;
}

export function newValue(ctx: DiffContext, v: PdfObject | undefined): PdfObject | undefined {
  return v && v.kind === 'ref' ? newObject(ctx, v.num) : v;
}

/** An object number that did not denote an object when the document was signed. */
export function isFresh(ctx: DiffContext, n: number): boolean {
  return !inUse(ctx.doc, n, ctx.oldRev);
}

const MAX_DEPS = 100_000;

/** Objects created after signing that `value` pulls in (following references only through such objects). */
export function freshDeps(ctx: DiffContext, value: PdfObject | undefined): number[] {
  const seen = new Set<number>();
  const queue: PdfRef[] = refsIn(value);
  for (let i = 0; i < queue.length && i < MAX_DEPS; i++) {
    const ref = queue[i]!;
    if (seen.has(ref.num) || !isFresh(ctx, ref.num)) continue;
    seen.add(ref.num);
    refsIn(newObject(ctx, ref.num), queue);
  }
  return [...seen];
}

/**
 * Clears every object created after signing that `value` pulls in (following references only
 * through such new objects): new things hanging off an approved change are part of it.
 */
export function approveFreshDeps(ctx: DiffContext, value: PdfObject | undefined, approval: Approval): void {
  for (const n of freshDeps(ctx, value)) ctx.ledger.approve(n, approval);
}

/**
 * Justifies the value stored at one place of a container: a new object is cleared outright; an
 * object rewritten in place is cleared only for that place (its other signed usages stay open).
 * `via` names the place in the signed revision (container object and key path).
 */
export function approveSlot(
  ctx: DiffContext,
  oldSlot: PdfObject | undefined,
  newSlot: PdfObject | undefined,
  via: Usage,
  approval: Approval,
): void {
  if (newSlot && newSlot.kind === 'ref') {
    const n = newSlot.num;
    if (oldSlot && oldSlot.kind === 'ref' && oldSlot.num === n) {
      ctx.ledger.approveVia(n, via, approval);
      approveFreshDeps(ctx, newObject(ctx, n), approval);
    } else if (isFresh(ctx, n)) ctx.ledger.approve(n, approval);
  }
  approveFreshDeps(ctx, newSlot, approval);
}
