/** Revision diff analysis: what changed after a signature, and whether it was allowed. */
export { analyzeRevisions } from './analyze-revisions.js';
export { signatureFieldsOf, type SignatureFieldInfo } from './signature-fields.js';
export { docMdpOf, fieldMdpOf, fieldMdpFromDict, type DocMdpInfo } from './docmdp.js';
export { DiffError, type DiffErrorCode } from './errors.js';
export type { RevisionedDocument, RevisionLike } from './document.js';
export {
  LEVELS,
  levelRank,
  maxLevel,
  permittedLevel,
  isFieldLocked,
  type ModificationLevel,
  type DiffResult,
  type AnalyzeOptions,
  type DocMdpPermission,
  type FieldMdpSpec,
} from './types.js';
