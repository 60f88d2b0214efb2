/**
 * Errors of revision diff analysis, each with a stable machine-readable code so the validator
 * can report why an analysis could not be carried out.
 */

export type DiffErrorCode =
  | 'DIFF_BAD_REVISION' // the signed revision index does not exist in the document
  | 'DIFF_CIRCULAR' // a structure that must be a tree (form fields, page tree) has a cycle
  | 'DIFF_LIMIT' // a size or depth limit was exceeded while walking the document
  | 'DIFF_MALFORMED'; // a structure needed by the analysis is not what ISO 32000 requires

export class DiffError extends Error {
  readonly code: DiffErrorCode;
  constructor(code: DiffErrorCode, message: string) {
    super(message);
    this.name = 'DiffError';
    this.code = code;
  }
}
