/**
 * Facts common to signatures and document timestamps: the /ByteRange and coverage checks,
 * the signature dictionary being part of the revision it signs, and later modifications.
 */
import type { ValidationContext } from './context.js';
import { modificationsAfter, type ModificationFacts } from './modification.js';
import { checkByteRange, type ByteRangeCheck } from './structure/byte-range.js';
import type { FoundSignature } from './structure/find-signatures.js';
import type { Verdict } from './verdict.js';

export interface SignedPart {
  readonly range: ByteRangeCheck;
  readonly mods: ModificationFacts;
}

export function checkSignedPart(ctx: ValidationContext, sig: FoundSignature, verdict: Verdict): SignedPart {
  const range = checkByteRange(ctx.doc, sig.dict, sig.container);
  for (const p of range.problems) verdict.fail('FORMAT_FAILURE', p);
  if (range.coverage === 'UNCLEAR' && range.problems.length === 0) verdict.fail('FORMAT_FAILURE', 'the signed bytes cannot be related to the file structure');
  if (range.revision !== null && sig.container !== null) {
    let inRevision = false;
    try {
      inRevision = ctx.doc.getObject(sig.container, range.revision) !== undefined;
    } catch (e) {
      verdict.note(`object ${sig.container} cannot be read in revision ${range.revision}: ${(e as Error).message}`);
    }
    if (!inRevision) verdict.fail('FORMAT_FAILURE', `the signature dictionary (object ${sig.container}) is not part of the revision it signs`);
  }
  const field = sig.fieldNames[0] ?? '';
  const mods = range.coverage === 'UNCLEAR' || range.coverage === 'CONTIGUOUS_BLOCK_FROM_START'
    ? { modification: 'OTHER' as const, changes: ['the signed bytes do not end at the end of a revision, so what follows them cannot be analysed'], allowed: [], permitted: false }
    : modificationsAfter(ctx.raw, range.revision, ctx.certification, field, sig.dict);
  if (!mods.permitted && range.coverage !== 'UNCLEAR' && range.coverage !== 'CONTIGUOUS_BLOCK_FROM_START') {
    for (const c of mods.changes) verdict.fail('FORMAT_FAILURE', `disallowed change after signing: ${c}`);
  }
  return { range, mods };
}
