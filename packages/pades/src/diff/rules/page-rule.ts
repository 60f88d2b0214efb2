/**
 * Pages after signing: the page tree must keep its shape and every page dictionary may differ
 * only in /Annots. Widgets of new signature fields may be attached; other annotations may be
 * added, changed or removed at ANNOTATIONS; widgets of existing fields may not be removed.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';
import { asDict, differingKeys, get, nameOf, refOf, sameValue } from '../cos.js';
import { approveFreshDeps, isFresh, newObject, newValue, oldObject, oldValue, type DiffContext } from '../context.js';
import { activeContent } from '../actions.js';
import type { Approval } from '../ledger.js';
import type { PageNode } from '../pages.js';
import { levelRank, type ModificationLevel } from '../types.js';
import type { WidgetClaim } from './form-rule.js';

const ANNOTS_ONLY = new Set(['Annots']);

export function pageRule(ctx: DiffContext, oldPages: readonly PageNode[], newPages: readonly PageNode[], claims: ReadonlyMap<number, WidgetClaim>): void {
  const sameShape = oldPages.length === newPages.length && oldPages.every((p, i) => p.ref.num === newPages[i]!.ref.num);
  if (!sameShape) {
    ctx.ledger.problem(`page tree changed after signing: ${oldPages.length} page(s) when signed, ${newPages.length} now (pages added, removed or reordered)`);
    return;
  }
  newPages.forEach((page, i) => reviewPage(ctx, oldPages[i]!, page, claims));
}

function annotList(ctx: DiffContext, slot: PdfObject | undefined, side: 'old' | 'new'): readonly PdfObject[] {
  const v = side === 'old' ? oldValue(ctx, slot) : newValue(ctx, slot);
  return v?.kind === 'array' ? v.items : [];
}

function reviewPage(ctx: DiffContext, before: PageNode, after: PageNode, claims: ReadonlyMap<number, WidgetClaim>): void {
  const label = `page ${after.index + 1}`;
  const pageChanged = ctx.changed.has(after.ref.num);
  const oldAnnotsSlot = get(before.dict, 'Annots');
  const newAnnotsSlot = get(after.dict, 'Annots');
  const annotsRef = refOf(newAnnotsSlot);
  const annotsChanged = annotsRef !== undefined && ctx.changed.has(annotsRef.num);
  if (pageChanged && differingKeys(before.dict, after.dict, ANNOTS_ONLY).length > 0) return; // reported as a change of the page object
  const oldItems = annotList(ctx, oldAnnotsSlot, 'old');
  const newItems = annotList(ctx, newAnnotsSlot, 'new');
  let level: ModificationLevel = 'LTA_UPDATES';
  const notes: string[] = [];
  const oldRefs = new Set(oldItems.flatMap((a) => (a.kind === 'ref' ? [a.num] : [])));
  const newRefs = new Set(newItems.flatMap((a) => (a.kind === 'ref' ? [a.num] : [])));
  for (const a of newItems) {
    if (a.kind !== 'ref') {
      if (!oldItems.some((o) => sameValue(o, a))) ctx.ledger.problem(`${label}: direct (non-indirect) annotation added after signing`);
      continue;
    }
    if (oldRefs.has(a.num)) {
      changedAnnotation(ctx, a.num, label);
      continue;
    }
    const added = addedAnnotation(ctx, a.num, label, claims);
    if (!added) continue;
    level = maxOf(level, added.level);
    if (added.note) notes.push(added.note);
  }
  for (const o of oldItems) {
    if (o.kind !== 'ref' || newRefs.has(o.num)) continue;
    const subtype = nameOf(get(asDict(oldObject(ctx, o.num)), 'Subtype')) ?? 'unknown';
    if (subtype === 'Widget') ctx.ledger.problem(`${label}: widget annotation ${o.num} removed after signing`);
    else {
      level = 'ANNOTATIONS';
      notes.push(`${label}: /${subtype} annotation removed`);
    }
  }
  if (!pageChanged && !annotsChanged && sameValue(oldAnnotsSlot, newAnnotsSlot)) return;
  const approval: Approval = { level, note: notes[0] ?? `${label}: annotation list updated`, lockSafe: level === 'LTA_UPDATES' };
  // Compared key by key: the page may be rewritten wherever it is referenced.
  if (pageChanged) ctx.ledger.approve(after.ref.num, approval);
  if (annotsRef) {
    const oldRef = refOf(oldAnnotsSlot);
    if (oldRef?.num === annotsRef.num) ctx.ledger.approveVia(annotsRef.num, { from: before.ref.num, key: '/Annots' }, approval);
    else if (isFresh(ctx, annotsRef.num)) ctx.ledger.approve(annotsRef.num, approval);
  }
}

/** An annotation new on the page: a widget of a new signature field, or an inactive comment (ANNOTATIONS). */
function addedAnnotation(
  ctx: DiffContext,
  num: number,
  label: string,
  claims: ReadonlyMap<number, WidgetClaim>,
): { level: ModificationLevel; note?: string } | undefined {
  const claim = claims.get(num);
  if (claim) return { level: claim.level };
  const dict = asDict(newObject(ctx, num));
  const subtype = nameOf(get(dict, 'Subtype')) ?? 'unknown';
  if (subtype === 'Widget') {
    ctx.ledger.problem(`${label}: widget annotation ${num} added after signing without a new signature field`);
    return undefined;
  }
  const active = activeContent(dict, (v) => newValue(ctx, v));
  if (active) {
    ctx.ledger.problem(`${label}: /${subtype} annotation ${num} added after signing with ${active}`);
    return undefined;
  }
  const approval: Approval = { level: 'ANNOTATIONS', note: `${label}: /${subtype} annotation added` };
  if (isFresh(ctx, num)) ctx.ledger.approve(num, approval);
  else ctx.ledger.approveVia(num, { from: -1, key: '' }, approval);
  approveFreshDeps(ctx, dict, approval);
  return { level: 'ANNOTATIONS', note: approval.note };
}

/** An annotation present when signing and rewritten since: non-widgets are ANNOTATIONS; widgets belong to the form rule. */
function changedAnnotation(ctx: DiffContext, num: number, label: string): void {
  if (!ctx.changed.has(num)) return;
  const before: PdfDict | undefined = asDict(oldObject(ctx, num));
  const after: PdfDict | undefined = asDict(newObject(ctx, num));
  const oldType = nameOf(get(before, 'Subtype'));
  const newType = nameOf(get(after, 'Subtype'));
  if (!before || !after || oldType === 'Widget' || newType === 'Widget') return;
  if (oldType !== newType || nameOf(get(before, 'Type')) === 'Page') return;
  const active = activeContent(after, (v) => newValue(ctx, v));
  if (active && !activeContent(before, (v) => oldValue(ctx, v))) {
    ctx.ledger.problem(`${label}: /${newType ?? 'unknown'} annotation ${num} given ${active} after signing`);
    return;
  }
  const approval: Approval = { level: 'ANNOTATIONS', note: `${label}: /${newType ?? 'unknown'} annotation changed` };
  ctx.ledger.approve(num, approval);
  approveFreshDeps(ctx, after, approval);
}

function maxOf(a: ModificationLevel, b: ModificationLevel): ModificationLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}
