/**
 * Appearance updates of a widget whose field was filled or signed: new appearance streams are
 * fine; an appearance stream rewritten in place is cleared only for this widget's /AP slot, so
 * a stream also drawn elsewhere in the signed revision stays a disallowed change.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';
import { get, refOf, sameValue } from '../cos.js';
import { approveFreshDeps, isFresh, newObject, newValue, oldValue, type DiffContext } from '../context.js';
import type { Approval } from '../ledger.js';


export interface WidgetPair {
  readonly name: string;
  /** Object number of the widget in the signed revision (undefined for a direct widget). */
  readonly oldNum?: number;
  readonly oldDict: PdfDict;
  readonly newDict: PdfDict;
}

export function approveAppearance(ctx: DiffContext, w: WidgetPair, approval: Approval): void {
  const oldSlot = get(w.oldDict, 'AP');
  const newSlot = get(w.newDict, 'AP');
  if (!newSlot) return;
  const newAp = newValue(ctx, newSlot);
  if (newAp?.kind !== 'dict') {
    ctx.ledger.problem(`appearance (/AP) of form field "${w.name}" is not a dictionary`);
    return;
  }
  const oldRef = refOf(oldSlot);
  const newRef = refOf(newSlot);
  const oldAp = oldValue(ctx, oldSlot);
  const place = oldRef ? { from: oldRef.num, prefix: '' } : w.oldNum !== undefined ? { from: w.oldNum, prefix: '/AP' } : undefined;
  // Stateful widgets (check boxes, radio buttons) switch /AS; rewriting their streams in place is never needed.
  const stateful = get(w.oldDict, 'AS') !== undefined;
  const inPlace: Array<{ num: number; key: string }> = [];
  for (const key of ['N', 'R', 'D']) {
    const n = get(newAp, key);
    const o = oldAp?.kind === 'dict' ? get(oldAp, key) : undefined;
    if (n && place && !stateful) collectInPlace(ctx, o, n, `${place.prefix}/${key}`, inPlace);
  }
  const apTouched = !sameValue(oldSlot, newSlot) || (newRef !== undefined && ctx.changed.has(newRef.num)) || inPlace.length > 0;
  if (oldRef && apTouched) {
    const others = ctx.oldUsage.usagesOf(oldRef.num).filter((u) => !(u.from === w.oldNum && u.key === '/AP'));
    if (others.length > 0) {
      ctx.ledger.problem(
        `appearance dictionary (object ${oldRef.num}) of form field "${w.name}" is also used at ${others.map((u) => ctx.oldUsage.usagePath(u)).join(', ')}; updating it changes signed content there`,
      );
    }
  }
  if (newRef) {
    if (oldRef?.num === newRef.num && w.oldNum !== undefined) ctx.ledger.approveVia(newRef.num, { from: w.oldNum, key: '/AP' }, approval);
    else if (isFresh(ctx, newRef.num)) ctx.ledger.approve(newRef.num, approval);
  }
  for (const { num, key } of inPlace) {
    if (!place) continue;
    ctx.ledger.approveVia(num, { from: place.from, key }, approval);
    approveFreshDeps(ctx, newObject(ctx, num), approval);
  }
  for (const key of ['N', 'R', 'D']) approveFreshDeps(ctx, get(newAp, key), approval);
}

function collectInPlace(ctx: DiffContext, o: PdfObject | undefined, n: PdfObject, key: string, out: Array<{ num: number; key: string }>): void {
  if (n.kind === 'ref' && o?.kind === 'ref' && o.num === n.num && ctx.changed.has(n.num)) {
    out.push({ num: n.num, key });
    return;
  }
  if (n.kind === 'dict' && o?.kind === 'dict') {
    for (const [state, v] of n.entries) collectInPlace(ctx, o.entries.get(state), v, `${key}/${state}`, out);
  }
}
