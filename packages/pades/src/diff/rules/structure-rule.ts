/**
 * File-structure changes every incremental writer makes: new cross-reference and object
 * streams, an updated trailer and document information dictionary. Allowed at LTA_UPDATES.
 */
import { differingKeys, get, nameOf } from '../cos.js';
import { approveSlot, isFresh, newObject, type DiffContext } from '../context.js';

/** Trailer keys that describe the file layout rather than the document. */
// Entries that describe the file's layout rather than its content. /DocChecksum is Acrobat's
// MD5 of the previous file: writers drop or refresh it, and it changes nothing that is shown.
const LAYOUT_KEYS = new Set(['Size', 'Prev', 'XRefStm', 'ID', 'Info', 'Root', 'Type', 'W', 'Index', 'Filter', 'DecodeParms', 'Length', 'DL', 'DocChecksum']);

export function structureRule(ctx: DiffContext): void {
  for (const n of ctx.changed) {
    const obj = newObject(ctx, n);
    const type = obj && obj.kind === 'stream' ? nameOf(get(obj.dict, 'Type')) : undefined;
    if ((type === 'XRef' || type === 'ObjStm') && isFresh(ctx, n)) {
      ctx.ledger.approve(n, {
        level: 'LTA_UPDATES',
        note: type === 'XRef' ? 'cross-reference stream added' : 'object stream added',
        lockSafe: true,
      });
    }
  }
  const oldTrailer = ctx.doc.trailer(ctx.oldRev);
  const newTrailer = ctx.doc.trailer(ctx.newRev);
  for (const key of differingKeys(oldTrailer, newTrailer, LAYOUT_KEYS)) {
    ctx.ledger.problem(`trailer entry /${key} ${describeKeyChange(oldTrailer.entries.has(key), newTrailer.entries.has(key))} after signing`);
  }
  const oldRoot = get(oldTrailer, 'Root');
  const newRoot = get(newTrailer, 'Root');
  if (!newRoot || newRoot.kind !== 'ref') ctx.ledger.problem('trailer /Root is missing or not a reference');
  else if (oldRoot && oldRoot.kind === 'ref' && oldRoot.num !== newRoot.num && !isFresh(ctx, newRoot.num)) {
    ctx.ledger.problem(`trailer /Root re-pointed to object ${newRoot.num}, which existed when the document was signed`);
  }
  approveSlot(ctx, get(oldTrailer, 'Info'), get(newTrailer, 'Info'), { from: 'trailer', key: '/Info' }, {
    level: 'LTA_UPDATES',
    note: 'document information dictionary updated',
    lockSafe: true,
  });
}

export function describeKeyChange(hadKey: boolean, hasKey: boolean): string {
  if (!hadKey) return 'added';
  if (!hasKey) return 'removed';
  return 'changed';
}
