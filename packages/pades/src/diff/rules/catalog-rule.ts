/**
 * The document catalog may change only in the entries other rules adjudicate (/AcroForm, /DSS,
 * /Metadata, /Names) and in version bookkeeping (/Extensions, /MarkInfo, /Version); any other entry
 * that differs from the signed revision is a disallowed change.
 */
import { asDict, differingKeys, get } from '../cos.js';
import { approveSlot, newObject, oldObject, type DiffContext } from '../context.js';
import { describeKeyChange } from './structure-rule.js';

const CATALOG_EXEMPT = new Set(['AcroForm', 'DSS', 'Extensions', 'Metadata', 'MarkInfo', 'Version', 'Names']);

/** Catalog object numbers in the signed and the reviewed revision, when both are indirect. */
export interface CatalogPair {
  readonly oldNum: number;
  readonly newNum: number;
}

export function catalogPair(ctx: DiffContext): CatalogPair | undefined {
  const o = get(ctx.doc.trailer(ctx.oldRev), 'Root');
  const n = get(ctx.doc.trailer(ctx.newRev), 'Root');
  if (!o || o.kind !== 'ref' || !n || n.kind !== 'ref') return undefined;
  return { oldNum: o.num, newNum: n.num };
}

export function catalogRule(ctx: DiffContext): void {
  const pair = catalogPair(ctx);
  if (!pair) return;
  const oldCat = asDict(oldObject(ctx, pair.oldNum));
  const newCat = asDict(newObject(ctx, pair.newNum));
  if (!oldCat || !newCat) {
    ctx.ledger.problem('document catalog is missing or not a dictionary');
    return;
  }
  for (const key of differingKeys(oldCat, newCat, CATALOG_EXEMPT)) {
    ctx.ledger.problem(`catalog entry /Root/${key} ${describeKeyChange(oldCat.entries.has(key), newCat.entries.has(key))} after signing`);
  }
  // Compared key by key above: the catalog object itself may be rewritten wherever it is used.
  ctx.ledger.approve(pair.newNum, { level: 'LTA_UPDATES', note: 'document catalog updated', lockSafe: true });
  for (const key of ['Extensions', 'MarkInfo']) {
    approveSlot(ctx, get(oldCat, key), get(newCat, key), { from: pair.oldNum, key: `/${key}` }, {
      level: 'LTA_UPDATES',
      note: `catalog /${key} updated`,
      lockSafe: true,
    });
  }
}
