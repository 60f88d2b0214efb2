/**
 * Revision diff analysis: decides whether what was appended to a PDF after a signature is an
 * allowed kind of change (LTV material, form filling and further signatures, annotations) or
 * anything else, under the DocMDP / FieldMDP permissions in force. Every later revision is
 * compared structurally with the signed one, each resolved through its own xref chain.
 */
import type { RevisionedDocument } from './document.js';
import { DiffError } from './errors.js';
import { reviewRevision, signedState } from './review-revision.js';
import { chainFindings } from './shadow.js';
import {
  isFieldLocked,
  levelRank,
  maxLevel,
  permittedLevel,
  type AnalyzeOptions,
  type DiffResult,
  type ModificationLevel,
} from './types.js';

/** A rewritten document can change thousands of objects; a report needs the first few reasons. */
const MAX_REASONS_PER_REVISION = 50;

export function analyzeRevisions(doc: RevisionedDocument, signedRevision: number, options: AnalyzeOptions = {}): DiffResult {
  const count = doc.revisions.length;
  if (!Number.isInteger(signedRevision) || signedRevision < 0 || signedRevision >= count) {
    throw new DiffError('DIFF_BAD_REVISION', `signed revision ${signedRevision} does not exist (the document has ${count})`);
  }
  if (signedRevision === count - 1) return { modification: 'NONE', changes: [], allowed: [], permitted: true };
  const signed = signedState(doc, signedRevision);
  const chain = chainFindings(doc, signedRevision);
  const ceiling = permittedLevel(options.docMdp);
  const changes: string[] = [];
  const allowed: string[] = [];
  let level: ModificationLevel = 'NONE';
  changes.push(...chain);
  const add = (list: string[], s: string) => {
    if (!list.includes(s)) list.push(s);
  };
  for (let rev = signedRevision + 1; rev < count; rev++) {
    const review = reviewRevision(doc, signed, rev);
    for (const p of review.problems.slice(0, MAX_REASONS_PER_REVISION)) add(changes, `revision ${rev}: ${p}`);
    if (review.problems.length > MAX_REASONS_PER_REVISION) {
      add(changes, `revision ${rev}: … and ${review.problems.length - MAX_REASONS_PER_REVISION} more disallowed change(s)`);
    }
    for (const a of review.used) {
      if (levelRank(a.level) > levelRank(ceiling)) {
        add(changes, `revision ${rev}: ${a.note} — not permitted by the certification signature (DocMDP P=${options.docMdp ?? '-'})`);
      } else if (a.field && !a.lockSafe && a.field !== options.signatureField && isFieldLocked(options.fieldMdp, a.field)) {
        add(changes, `revision ${rev}: ${a.note} — form field "${a.field}" is locked by the signature (FieldMDP)`);
      } else {
        level = maxLevel(level, a.level);
        add(allowed, `revision ${rev}: ${a.note} (${a.level})`);
      }
    }
    if (review.orphans > 0) add(allowed, `revision ${rev}: ${review.orphans} unreferenced new object(s) ignored`);
    if (review.used.length === 0 && review.problems.length === 0) level = maxLevel(level, 'LTA_UPDATES');
  }
  if (changes.length > 0) return { modification: 'OTHER', changes, allowed, permitted: false };
  return { modification: level, changes, allowed, permitted: true };
}
