/**
 * Form changes after signing: signature fields may be added (with their widgets) and signed,
 * unlocked fields may get new values and regenerated appearances, /AcroForm may grow. Fields
 * may not disappear, non-signature fields may not be added, signed fields may not change.
 */
import type { PdfDict } from '@paraphe/pdf';
import { differingKeys, get, refOf } from '../cos.js';
import { approveFreshDeps, isFresh, type DiffContext } from '../context.js';
import type { AcroFormInfo, FormField } from '../form-fields.js';
import type { Approval } from '../ledger.js';
import { formObjects } from './form-usage.js';
import { addedSignatureField, changedSignatureField, type WidgetClaim } from './signature-field-rule.js';
import { changedValueField } from './value-field-rule.js';

export type { WidgetClaim } from './signature-field-rule.js';

const ACROFORM_EXEMPT = new Set(['Fields', 'DR', 'DA', 'Q', 'NeedAppearances', 'SigFlags']);

export function formRule(ctx: DiffContext, oldForm: AcroFormInfo, newForm: AcroFormInfo): Map<number, WidgetClaim> {
  const claims = new Map<number, WidgetClaim>();
  if (!newForm.dict) {
    if (oldForm.dict) ctx.ledger.problem('/Root/AcroForm removed after signing');
    return claims;
  }
  checkAcroForm(ctx, oldForm, newForm);
  const formish = formObjects(oldForm);
  const oldByName = new Map(oldForm.fields.map((f) => [f.name, f]));
  const newByName = new Map(newForm.fields.map((f) => [f.name, f]));
  for (const name of oldByName.keys()) {
    if (!newByName.has(name)) ctx.ledger.problem(`form field "${name}" deleted after signing`);
  }
  for (const field of newForm.fields) {
    const before = oldByName.get(field.name);
    if (!before) addedField(ctx, field, claims);
    else changedField(ctx, before, field, formish);
  }
  return claims;
}

function addedField(ctx: DiffContext, field: FormField, claims: Map<number, WidgetClaim>): void {
  if (field.type !== 'Sig') {
    ctx.ledger.problem(`form field "${field.name}" (type /${field.type ?? 'none'}) added after signing: only signature fields may be added`);
    return;
  }
  addedSignatureField(ctx, field, claims);
}

function changedField(ctx: DiffContext, before: FormField, after: FormField, formish: ReadonlySet<number>): void {
  const touched = [after.ref, ...after.widgets.map((w) => w.ref)].some((r) => r !== undefined && ctx.changed.has(r.num));
  if (!touched) return;
  if (after.type === 'Sig') changedSignatureField(ctx, before, after, formish);
  else changedValueField(ctx, before, after, formish);
}

function checkAcroForm(ctx: DiffContext, oldForm: AcroFormInfo, newForm: AcroFormInfo): void {
  const newDict = newForm.dict!;
  const approval: Approval = { level: 'LTA_UPDATES', note: 'form dictionary (/AcroForm) updated', lockSafe: true };
  if (oldForm.dict) {
    for (const key of differingKeys(oldForm.dict, newDict, ACROFORM_EXEMPT)) {
      ctx.ledger.problem(`/Root/AcroForm/${key} changed after signing`);
    }
  }
  // With /NeedAppearances a viewer redraws every field from its value instead of showing the
  // signed appearance, so a value that never was on display (shadow "replace") would surface.
  if (needsAppearances(newDict) && !needsAppearances(oldForm.dict)) {
    ctx.ledger.problem('/Root/AcroForm/NeedAppearances turned on after signing: viewers would redraw fields instead of showing what was signed');
  }
  // The form dictionary and its /Fields array were compared entry by entry (fields one by one
  // below), so rewriting them in place is cleared wherever they are used.
  for (const slot of [newForm.slot, get(newDict, 'Fields'), get(newDict, 'DR')]) {
    const ref = refOf(slot);
    if (!ref) continue;
    const same = [oldForm.slot, get(oldForm.dict, 'Fields'), get(oldForm.dict, 'DR')].some((o) => refOf(o)?.num === ref.num);
    if (same || isFresh(ctx, ref.num)) ctx.ledger.approve(ref.num, approval);
    else if (ctx.changed.has(ref.num)) ctx.ledger.problem(`/Root/AcroForm now uses object ${ref.num}, which had another role when the document was signed`);
  }
  // /DR only feeds appearances generated from now on; new resources are fine, while signed
  // resource objects rewritten in place stay unexplained (they may be drawn by signed content).
  approveFreshDeps(ctx, get(newDict, 'DR'), { ...approval, level: 'FORM_FILLING', note: 'form default resources (/DR) updated' });
}

function needsAppearances(form: PdfDict | undefined): boolean {
  const v = get(form, 'NeedAppearances');
  return v?.kind === 'bool' && v.value;
}

