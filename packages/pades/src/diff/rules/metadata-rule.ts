/**
 * XMP metadata written after signing (Acrobat refreshes it when signing; PDF 2.0 writers add
 * it). Allowed at FORM_FILLING only when the catalog keeps pointing at the same object or at a
 * new one, and the new packet passes the XMP screen; any other change of /Metadata is refused.
 */
import { decodeStream, PdfError, type PdfObject } from '@paraphe/pdf';
import { asDict, get, nameOf } from '../cos.js';
import { isFresh, newObject, newValue, oldObject, type DiffContext } from '../context.js';
import { MAX_XMP_BYTES, screenXmp } from '../xmp-screen.js';
import { catalogPair } from './catalog-rule.js';

export function metadataRule(ctx: DiffContext): void {
  const pair = catalogPair(ctx);
  if (!pair) return;
  const oldMeta = get(asDict(oldObject(ctx, pair.oldNum)), 'Metadata');
  const newMeta = get(asDict(newObject(ctx, pair.newNum)), 'Metadata');
  if (!newMeta) {
    if (oldMeta) ctx.ledger.problem('catalog /Root/Metadata removed after signing');
    return;
  }
  if (newMeta.kind !== 'ref') {
    ctx.ledger.problem('catalog /Root/Metadata is not a reference to a metadata stream');
    return;
  }
  const n = newMeta.num;
  const sameSlot = oldMeta?.kind === 'ref' && oldMeta.num === n;
  if (sameSlot && !ctx.changed.has(n)) return;
  if (!sameSlot && !isFresh(ctx, n)) {
    ctx.ledger.problem(`catalog /Root/Metadata re-pointed to object ${n}, which existed when the document was signed`);
    return;
  }
  const refusal = metadataRefusal(ctx, newObject(ctx, n));
  if (refusal) {
    ctx.ledger.problem(`catalog /Root/Metadata (object ${n}) changed after signing: ${refusal}`);
    return;
  }
  const approval = { level: 'FORM_FILLING' as const, note: 'XMP metadata refreshed', lockSafe: true };
  if (sameSlot) ctx.ledger.approveVia(n, { from: pair.oldNum, key: '/Metadata' }, approval);
  else ctx.ledger.approve(n, approval);
}

function metadataRefusal(ctx: DiffContext, obj: ReturnType<typeof newObject>): string | undefined {
  if (!obj || obj.kind !== 'stream') return 'it is not a stream';
  if (nameOf(get(obj.dict, 'Type')) !== 'Metadata') return 'its /Type is not /Metadata';
  if (!get(obj.dict, 'Filter')) return screenXmp(obj.raw);
  try {
    const context = { resolve: (o: PdfObject | undefined) => newValue(ctx, o) };
    return screenXmp(decodeStream(obj, context, { maxOutputBytes: MAX_XMP_BYTES + 1 }));
  } catch (err) {
    if (!(err instanceof PdfError)) throw err;
    return `the packet cannot be decoded (${err.code}: ${err.message})`;
  }
}
