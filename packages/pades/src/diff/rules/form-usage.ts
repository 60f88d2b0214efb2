/**
 * Where form objects may be rewritten: a field or widget changed by filling or signing is
 * cleared only for the places the form structure, the pages' /Annots and tagged-PDF structure
 * references point at it; any other signed usage stays a disallowed change.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';
import { asDict, differingKeys, get, nameOf, refOf, valueAtPath } from '../cos.js';
import { approveFreshDeps, oldObject, type DiffContext } from '../context.js';
import type { AcroFormInfo, FormField } from '../form-fields.js';
import type { Approval } from '../ledger.js';
import type { Usage } from '../usage-map.js';
import { approveAppearance } from './appearance.js';
import { catalogPair } from './catalog-rule.js';

/** Keys a field or widget may change when its value is filled in (pyHanko's VALUE_UPDATE_KEYS). */
export const VALUE_KEYS = new Set(['AP', 'AS', 'V', 'F', 'DA', 'Q', 'Ff', 'Type']);
/** Keys that may change even on a signed or locked field (Acrobat rewrites /Ff liberally). */
export const ALWAYS_KEYS = new Set(['Ff', 'Type']);

/** Object numbers that make up the signed form structure and page annotation lists. */
export function formObjects(form: AcroFormInfo): Set<number> {
  const set = new Set<number>();
  const add = (o: PdfObject | undefined) => {
    const r = refOf(o);
    if (r) set.add(r.num);
  };
  add(form.slot);
  add(get(form.dict, 'Fields'));
  for (const f of form.fields) {
    if (f.ref) set.add(f.ref.num);
    add(get(f.dict, 'Kids'));
    for (const w of f.widgets) if (w.ref) set.add(w.ref.num);
  }
  return set;
}

function isFormUsage(ctx: DiffContext, u: Usage, formish: ReadonlySet<number>): boolean {
  if (u.from === 'trailer') return false;
  if (formish.has(u.from)) return true;
  // Structure-tree object references (/OBJR /Obj) of tagged forms only point back at widgets.
  if (u.key.endsWith('/Obj')) {
    const holder = asDict(valueAtPath(oldObject(ctx, u.from), u.key.slice(0, -'/Obj'.length)));
    if (nameOf(get(holder, 'Type')) === 'OBJR') return true;
  }
  const pair = catalogPair(ctx);
  if (pair && u.from === pair.oldNum) return u.key.startsWith('/AcroForm');
  // A page's /Annots entry (direct array) or an indirect /Annots array held by a page.
  return u.key.startsWith('/Annots') || ctx.oldUsage.usagesOf(u.from).some((p) => p.key === '/Annots');
}

/** Clears a rewritten field/widget object for the places the form and the pages refer to it. */
export function approveInForm(ctx: DiffContext, num: number, approval: Approval, formish: ReadonlySet<number>): void {
  const usages = ctx.oldUsage.usagesOf(num).filter((u) => isFormUsage(ctx, u, formish));
  if (usages.length === 0) ctx.ledger.approveVia(num, { from: -1, key: '' }, approval);
  for (const u of usages) ctx.ledger.approveVia(num, u, approval);
}

/** Field and widget dictionaries may differ only in value keys; appearances follow the value. */
export function approveFilled(ctx: DiffContext, before: FormField, after: FormField, approval: Approval, formish: ReadonlySet<number>): void {
  if (after.ref && before.ref?.num === after.ref.num) {
    if (differingKeys(before.dict, after.dict, VALUE_KEYS).length === 0) approveInForm(ctx, after.ref.num, approval, formish);
  }
  approveFreshDeps(ctx, get(after.dict, 'V'), approval);
  const oldWidgets = new Map(before.widgets.flatMap((w) => (w.ref ? [[w.ref.num, w.dict] as const] : [])));
  for (const w of after.widgets) {
    const oldDict: PdfDict | undefined = w.ref ? oldWidgets.get(w.ref.num) : undefined;
    if (!w.ref || !oldDict) {
      ctx.ledger.problem(`widget annotation added to existing form field "${after.name}" after signing`);
      continue;
    }
    if (w.ref.num !== after.ref?.num && ctx.changed.has(w.ref.num)) {
      if (differingKeys(oldDict, w.dict, VALUE_KEYS).length === 0) approveInForm(ctx, w.ref.num, approval, formish);
    }
    approveAppearance(ctx, { name: after.name, oldNum: w.ref.num, oldDict, newDict: w.dict }, approval);
  }
  for (const num of oldWidgets.keys()) {
    if (!after.widgets.some((w) => w.ref?.num === num)) ctx.ledger.problem(`widget annotation ${num} of form field "${after.name}" removed after signing`);
  }
}
