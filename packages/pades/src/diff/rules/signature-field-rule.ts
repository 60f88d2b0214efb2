/**
 * Signature fields after signing: new ones (with their widgets) may be added and empty ones
 * signed; a field that was already signed may only have its flags touched. Invisible document
 * timestamps count as LTA_UPDATES, everything else as FORM_FILLING.
 */
import { asDict, differingKeys, get, nameOf, rectArea } from '../cos.js';
import { approveFreshDeps, isFresh, newValue, type DiffContext } from '../context.js';
import type { FormField } from '../form-fields.js';
import type { Approval } from '../ledger.js';
import type { ModificationLevel } from '../types.js';
import { activeContent } from '../actions.js';
import { ALWAYS_KEYS, approveFilled, approveInForm } from './form-usage.js';

/** A widget annotation that a new signature field brings, with the level its addition counts at. */
export interface WidgetClaim {
  readonly field: string;
  readonly level: ModificationLevel;
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

export function addedSignatureField(ctx: DiffContext, field: FormField, claims: Map<number, WidgetClaim>): void {
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

export function changedSignatureField(ctx: DiffContext, before: FormField, after: FormField, formish: ReadonlySet<number>): void {
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

