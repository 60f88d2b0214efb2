/**
 * The Document Security Store (PAdES, ISO 32000-2 §12.8.4.3) may be added or extended after
 * signing: new certificate, CRL and OCSP streams and new /VRI entries. Existing /VRI entries
 * must stay as they were, and the DSS may hold nothing else. Allowed at LTA_UPDATES.
 */
import type { PdfObject } from '@paraphe/pdf';
import { asDict, get, refOf, sameValue } from '../cos.js';
import { approveSlot, isFresh, newObject, newValue, oldObject, oldValue, type DiffContext } from '../context.js';
import type { Approval } from '../ledger.js';
import { catalogPair } from './catalog-rule.js';

const DSS_KEYS = new Set(['Type', 'VRI', 'Certs', 'CRLs', 'OCSPs']);
const DSS_ARRAYS = ['Certs', 'CRLs', 'OCSPs'];
const VRI_ENTRY_KEYS = new Set(['Type', 'TU', 'TS', 'Cert', 'CRL', 'OCSP']);
const VRI_KEY = /^[0-9A-Fa-f]{40}$/;

const APPROVAL: Approval = { level: 'LTA_UPDATES', note: 'document security store (DSS) updated', lockSafe: true };

/** Where a dictionary lives in the signed revision: its own object, or a key path inside its container. */
interface Place {
  readonly from: number;
  readonly prefix: string;
}

function placeOf(slot: PdfObject | undefined, container: Place, key: string): Place {
  const ref = refOf(slot);
  return ref ? { from: ref.num, prefix: '' } : { from: container.from, prefix: `${container.prefix}/${key}` };
}

export function dssRule(ctx: DiffContext): void {
  const pair = catalogPair(ctx);
  if (!pair) return;
  const oldSlot = get(asDict(oldObject(ctx, pair.oldNum)), 'DSS');
  const newSlot = get(asDict(newObject(ctx, pair.newNum)), 'DSS');
  if (!newSlot) {
    if (oldSlot) ctx.ledger.problem('catalog /Root/DSS removed after signing');
    return;
  }
  const newDss = asDict(newValue(ctx, newSlot));
  if (!newDss || newValue(ctx, newSlot)?.kind !== 'dict') {
    ctx.ledger.problem('/Root/DSS is not a dictionary');
    return;
  }
  const slotRef = refOf(newSlot);
  const oldRef = refOf(oldSlot);
  if (slotRef && slotRef.num !== oldRef?.num && !isFresh(ctx, slotRef.num)) {
    ctx.ledger.problem(`/Root/DSS re-pointed to object ${slotRef.num}, which existed when the document was signed`);
    return;
  }
  approveSlot(ctx, oldSlot, newSlot, { from: pair.oldNum, key: '/DSS' }, APPROVAL);
  const oldDss = asDict(oldValue(ctx, oldSlot));
  const unexpected = [...newDss.entries.keys()].filter((k) => !DSS_KEYS.has(k));
  if (unexpected.length > 0) ctx.ledger.problem(`/Root/DSS holds unexpected entries: ${unexpected.map((k) => `/${k}`).join(', ')}`);
  const dssPlace = placeOf(oldSlot, { from: pair.oldNum, prefix: '' }, 'DSS');
  checkStreamArrays(ctx, oldDss, newDss, DSS_ARRAYS, dssPlace, '/Root/DSS');
  checkVri(ctx, get(oldDss, 'VRI'), get(newDss, 'VRI'), dssPlace);
}

function checkStreamArrays(
  ctx: DiffContext,
  oldDict: ReturnType<typeof asDict>,
  newDict: NonNullable<ReturnType<typeof asDict>>,
  keys: readonly string[],
  place: Place,
  label: string,
): void {
  for (const key of keys) {
    const slot = get(newDict, key);
    if (!slot) continue;
    const arr = newValue(ctx, slot);
    const allStreams =
      arr?.kind === 'array' && arr.items.every((i) => i.kind === 'ref' && newObject(ctx, i.num)?.kind === 'stream');
    if (!allStreams) {
      ctx.ledger.problem(`${label}/${key} is not an array of stream references`);
      continue;
    }
    approveSlot(ctx, get(oldDict, key), slot, { from: place.from, key: `${place.prefix}/${key}` }, APPROVAL);
  }
}

function checkVri(ctx: DiffContext, oldSlot: PdfObject | undefined, newSlot: PdfObject | undefined, dssPlace: Place): void {
  if (!newSlot) {
    if (oldSlot) ctx.ledger.problem('/Root/DSS/VRI removed after signing');
    return;
  }
  const newVri = newValue(ctx, newSlot);
  if (newVri?.kind !== 'dict') {
    ctx.ledger.problem('/Root/DSS/VRI is not a dictionary');
    return;
  }
  approveSlot(ctx, oldSlot, newSlot, { from: dssPlace.from, key: `${dssPlace.prefix}/VRI` }, APPROVAL);
  const oldVri = asDict(oldValue(ctx, oldSlot));
  const vriPlace = placeOf(oldSlot, dssPlace, 'VRI');
  // PAdES lets validation data be refreshed or pruned: an existing /VRI entry may be replaced or
  // dropped (it only caches validation material, it is not signed content).
  for (const [key, slot] of newVri.entries) {
    const before = get(oldVri, key);
    if (before && sameValue(before, slot) && !(slot.kind === 'ref' && ctx.changed.has(slot.num))) continue;
    if (!VRI_KEY.test(key)) ctx.ledger.problem(`/Root/DSS/VRI/${key} is not a SHA-1 hex key`);
    const entry = newValue(ctx, slot);
    if (entry?.kind !== 'dict') {
      ctx.ledger.problem(`/Root/DSS/VRI/${key} is not a dictionary`);
      continue;
    }
    const unexpected = [...entry.entries.keys()].filter((k) => !VRI_ENTRY_KEYS.has(k));
    if (unexpected.length > 0) ctx.ledger.problem(`/Root/DSS/VRI/${key} holds unexpected entries: ${unexpected.map((k) => `/${k}`).join(', ')}`);
    approveSlot(ctx, before, slot, { from: vriPlace.from, key: `${vriPlace.prefix}/${key}` }, APPROVAL);
  }
}
