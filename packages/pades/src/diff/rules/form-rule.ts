/**
 * Form changes after signing: signature fields may be added (with their widgets) and signed,
 * unlocked fields may get new values and regenerated appearances, /AcroForm may grow. Fields
 * may not disappear, non-signature fields may not be added, signed fields may not change.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';
import { asDict, differingKeys, get, nameOf, rectArea, refOf, sameValue, valueAtPath } from '../cos.js';
import { approveFreshDeps, freshDeps, isFresh, newValue, oldObject, type DiffContext } from '../context.js';
import type { AcroFormInfo, FormField } from '../form-fields.js';
import type { Approval } from '../ledger.js';
import type { ModificationLevel } from '../types.js';
import type { Usage } from '../usage-map.js';
import { activeContent } from '../actions.js';
import { approveAppearance } from './appearance.js';
import { catalogPair } from './catalog-rule.js';

/** Keys a field or widget may change when its value is filled in (pyHanko's VALUE_UPDATE_KEYS). */
const VALUE_KEYS = new Set(['AP', 'AS', 'V', 'F', 'DA', 'Q', 'Ff', 'Type']);
/** Keys that may change even on a signed or locked field (Acrobat rewrites /Ff liberally). */
const ALWAYS_KEYS = new Set(['Ff', 'Type']);
const ACROFORM_EXEMPT = new Set(['Fields', 'DR', 'DA', 'Q', 'NeedAppearances', 'SigFlags']);

/** A widget annotation that a new signature field brings, with the level its addition counts at. */
export interface WidgetClaim {
  readonly field: string;
  readonly level: ModificationLevel;
}

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

/** Object numbers that make up the signed form structure and page annotation lists. */
function formObjects(form: AcroFormInfo): Set<number> {
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
function approveInForm(ctx: DiffContext, num: number, approval: Approval, formish: ReadonlySet<number>): void {
  const usages = ctx.oldUsage.usagesOf(num).filter((u) => isFormUsage(ctx, u, formish));
  if (usages.length === 0) ctx.ledger.approveVia(num, { from: -1, key: '' }, approval);
  for (const u of usages) ctx.ledger.approveVia(num, u, approval);
}

function signatureLevel(ctx: DiffContext, field: FormField): ModificationLevel {
  const value = asDict(newValue(ctx, get(field.dict, 'V')));
  const invisible = field.widgets.every((w) => rectArea(w.dict) === 0);
  return value && nameOf(get(value, 'Type')) === 'DocTimeStamp' && invisible ? 'LTA_UPDATES' : 'FORM_FILLING';
}

function describeSignature(ctx: DiffContext, field: FormField, verb: string): string {
  const value = asDict(newValue(ctx, get(field.dict, 'V')));
  if (!value) return `empty signature field "${field.name}" ${verb}`;
  const ts = nameOf(get(value, 'Type')) === 'DocTimeStamp';
  return `${ts ? 'document timestamp' : 'signature'} in field "${field.name}" ${verb}`;
}

function checkSignatureValue(ctx: DiffContext, field: FormField): void {
  const v = get(field.dict, 'V');
  if (!v) return;
  if (v.kind !== 'ref') {
    ctx.ledger.problem(`value of signature field "${field.name}" is not an indirect signature dictionary`);
    return;
  }
  if (!isFresh(ctx, v.num)) {
    ctx.ledger.problem(`signature field "${field.name}" was given object ${v.num} as value, which existed when the document was signed`);
  }
}

function addedField(ctx: DiffContext, field: FormField, claims: Map<number, WidgetClaim>): void {
  if (field.type !== 'Sig') {
    ctx.ledger.problem(`form field "${field.name}" (type /${field.type ?? 'none'}) added after signing: only signature fields may be added`);
    return;
  }
  for (const dict of [field.dict, ...field.widgets.map((w) => w.dict)]) {
    const active = activeContent(dict, (v) => newValue(ctx, v));
    if (active) ctx.ledger.problem(`signature field "${field.name}" added after signing with ${active}`);
  }
  const level = field.hasChildFields ? 'LTA_UPDATES' : signatureLevel(ctx, field);
  const approval: Approval = { level, note: describeSignature(ctx, field, 'added'), field: field.name, lockSafe: level === 'LTA_UPDATES' };
  const clear = (num: number) => {
    if (isFresh(ctx, num)) ctx.ledger.approve(num, approval);
    // A re-used object number is only cleared for nothing: its signed usages stay open.
    else ctx.ledger.approveVia(num, { from: -1, key: '' }, approval);
  };
  if (field.ref) clear(field.ref.num);
  for (const w of field.widgets) {
    if (!w.ref) continue;
    clear(w.ref.num);
    claims.set(w.ref.num, { field: field.name, level });
    approveFreshDeps(ctx, w.dict, approval);
  }
  checkSignatureValue(ctx, field);
  approveFreshDeps(ctx, field.dict, approval);
}

function changedField(ctx: DiffContext, before: FormField, after: FormField, formish: ReadonlySet<number>): void {
  const touched = [after.ref, ...after.widgets.map((w) => w.ref)].some((r) => r !== undefined && ctx.changed.has(r.num));
  if (!touched) return;
  if (after.type === 'Sig') changedSignatureField(ctx, before, after, formish);
  else changedValueField(ctx, before, after, formish);
}

function changedSignatureField(ctx: DiffContext, before: FormField, after: FormField, formish: ReadonlySet<number>): void {
  const wasSigned = get(before.dict, 'V') !== undefined;
  const isSigned = get(after.dict, 'V') !== undefined;
  if (wasSigned || !isSigned) {
    // Already signed, or still empty: only the flags may move.
    const approval: Approval = { level: 'LTA_UPDATES', note: `signature field "${after.name}" flags updated`, field: after.name, lockSafe: true };
    if (after.ref && differingKeys(before.dict, after.dict, ALWAYS_KEYS).length === 0) approveInForm(ctx, after.ref.num, approval, formish);
    return;
  }
  const level = signatureLevel(ctx, after);
  const approval: Approval = { level, note: describeSignature(ctx, after, 'filled'), field: after.name, lockSafe: level === 'LTA_UPDATES' };
  checkSignatureValue(ctx, after);
  approveFilled(ctx, before, after, approval, formish);
}

/** Field flag bit 1 (ISO 32000-1 Table 221): the user may not change the value. */
function readOnly(field: FormField): boolean {
  const ff = get(field.dict, 'Ff');
  return ff?.kind === 'number' && (ff.value & 1) === 1;
}

function changedValueField(ctx: DiffContext, before: FormField, after: FormField, formish: ReadonlySet<number>): void {
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

/** Field and widget dictionaries may differ only in value keys; appearances follow the value. */
function approveFilled(ctx: DiffContext, before: FormField, after: FormField, approval: Approval, formish: ReadonlySet<number>): void {
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
