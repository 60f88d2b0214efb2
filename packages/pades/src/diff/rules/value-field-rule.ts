/**
 * Non-signature fields after signing: a new value (or state) with its regenerated appearance
 * is FORM_FILLING; a read-only field may not change, and an appearance may not change without
 * its value (the shadow "replace" attack).
 */
import type { PdfObject } from '@paraphe/pdf';
import { differingKeys, get, sameValue } from '../cos.js';
import { approveFreshDeps, freshDeps, newValue, type DiffContext } from '../context.js';
import type { FormField } from '../form-fields.js';
import type { Approval } from '../ledger.js';
import { ALWAYS_KEYS, approveFilled } from './form-usage.js';

/** Field flag bit 1 (ISO 32000-1 Table 221): the user may not change the value. */
function readOnly(field: FormField): boolean {
  const ff = get(field.dict, 'Ff');
  return ff?.kind === 'number' && (ff.value & 1) === 1;
}

export function changedValueField(ctx: DiffContext, before: FormField, after: FormField, formish: ReadonlySet<number>): void {
  if (readOnly(before) && valueChanged(ctx, before, after)) {
    ctx.ledger.problem(`form field "${after.name}" is read-only (/Ff bit 1) but its value changed after signing`);
    return;
  }
  const flagsOnly = differingKeys(before.dict, after.dict, ALWAYS_KEYS).length === 0;
  const approval: Approval = {
    level: 'FORM_FILLING',
    note: `form field "${after.name}" filled in`,
    field: after.name,
    lockSafe: flagsOnly && after.widgets.every((w) => w.ref === undefined || !ctx.changed.has(w.ref.num)),
  };
  if (!valueChanged(ctx, before, after) && appearanceChanged(ctx, before, after)) {
    // A new appearance for an unchanged value shows something else than what was signed
    // (the shadow "replace" attack): appearances may only follow a new value or state.
    const objects = [after.ref, ...after.widgets.map((w) => w.ref)].flatMap((r) => (r ? [r.num] : []));
    for (const w of after.widgets) objects.push(...freshDeps(ctx, get(w.dict, 'AP')));
    ctx.ledger.refuse(`form field "${after.name}": appearance replaced after signing although its value did not change`, objects);
    return;
  }
  approveFilled(ctx, before, after, approval, formish);
  if (!sameValue(get(before.dict, 'V'), get(after.dict, 'V'))) approveFreshDeps(ctx, get(after.dict, 'V'), approval);
}

function changedSlot(ctx: DiffContext, a: PdfObject | undefined, b: PdfObject | undefined): boolean {
  return !sameValue(a, b) || (b?.kind === 'ref' && ctx.changed.has(b.num));
}

function valueChanged(ctx: DiffContext, before: FormField, after: FormField): boolean {
  if (changedSlot(ctx, get(before.dict, 'V'), get(after.dict, 'V'))) return true;
  const oldWidgets = new Map(before.widgets.flatMap((w) => (w.ref ? [[w.ref.num, w.dict] as const] : [])));
  return after.widgets.some((w) => changedSlot(ctx, get(w.ref ? oldWidgets.get(w.ref.num) : undefined, 'AS'), get(w.dict, 'AS')));
}

function appearanceChanged(ctx: DiffContext, before: FormField, after: FormField): boolean {
  const oldWidgets = new Map(before.widgets.flatMap((w) => (w.ref ? [[w.ref.num, w.dict] as const] : [])));
  return after.widgets.some((w) => {
    const oldAp = get(w.ref ? oldWidgets.get(w.ref.num) : undefined, 'AP');
    const newAp = get(w.dict, 'AP');
    if (changedSlot(ctx, oldAp, newAp)) return true;
    const ap = newValue(ctx, newAp);
    return ap?.kind === 'dict' && [...ap.entries.values()].some((v) => v.kind === 'ref' && ctx.changed.has(v.num));
  });
}

