/**
 * The catalog name dictionary after signing: Acrobat stores the appearances of the comment
 * icons it adds in /Root/Names/AP, so that subtree may grow with annotations (ANNOTATIONS).
 * Every other name tree (JavaScript, EmbeddedFiles, Dests, …) must stay as it was signed.
 */
import { asDict, get, refOf, sameValue } from '../cos.js';
import { approveSlot, isFresh, newObject, newValue, oldObject, oldValue, type DiffContext } from '../context.js';
import type { Approval } from '../ledger.js';
import { catalogPair } from './catalog-rule.js';

export function namesRule(ctx: DiffContext): void {
  const pair = catalogPair(ctx);
  if (!pair) return;
  const oldSlot = get(asDict(oldObject(ctx, pair.oldNum)), 'Names');
  const newSlot = get(asDict(newObject(ctx, pair.newNum)), 'Names');
  if (sameValue(oldSlot, newSlot) && !(newSlot?.kind === 'ref' && ctx.changed.has(newSlot.num))) return;
  if (!newSlot) {
    ctx.ledger.problem('catalog /Root/Names removed after signing');
    return;
  }
  const oldNames = asDict(oldValue(ctx, oldSlot));
  const newNames = asDict(newValue(ctx, newSlot));
  if (!newNames) {
    ctx.ledger.problem('catalog /Root/Names is not a dictionary');
    return;
  }
  const keys = new Set([...(oldNames?.entries.keys() ?? []), ...newNames.entries.keys()]);
  keys.delete('AP');
  const altered = [...keys].filter((k) => !sameValue(get(oldNames, k), get(newNames, k)) || ctx.changed.has(refOf(get(newNames, k))?.num ?? -1));
  for (const k of altered) ctx.ledger.problem(`name tree /Root/Names/${k} changed after signing`);
  const approval: Approval = { level: 'ANNOTATIONS', note: 'named annotation appearances (/Root/Names/AP) added' };
  const ref = refOf(newSlot);
  if (ref && (refOf(oldSlot)?.num === ref.num || isFresh(ctx, ref.num))) ctx.ledger.approve(ref.num, approval);
  else if (ref) ctx.ledger.problem(`catalog /Root/Names re-pointed to object ${ref.num}, which existed when the document was signed`);
  const place = refOf(oldSlot) ? { from: refOf(oldSlot)!.num, key: '/AP' } : { from: pair.oldNum, key: '/Names/AP' };
  approveSlot(ctx, get(oldNames, 'AP'), get(newNames, 'AP'), place, approval);
}
