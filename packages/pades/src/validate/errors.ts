/**
 * Errors of the validator: only raised when the file cannot be read at all (the CLI maps
 * them to exit code 2). Anything wrong with a signature is a report, never an exception.
 */

export type ValidationErrorCode =
  | 'VALIDATE_UNREADABLE' // not a PDF, or no usable cross-reference / catalog
  | 'VALIDATE_ENCRYPTED' // encrypted document whose structure cannot be trusted
  | 'VALIDATE_LIMIT' // the document exceeds a resource limit (size, time, nesting)
  | 'VALIDATE_BAD_OPTIONS'; // caller error (e.g. a trust anchor that is not a certificate)

export class ValidationError extends Error {
  readonly code: ValidationErrorCode;
  /** Code of the underlying error (e.g. a PdfError code), when there is one. */
  readonly causeCode: string | undefined;
  constructor(code: ValidationErrorCode, message: string, causeCode?: string) {
    super(message);
    this.name = 'ValidationError';
    this.code = code;
    this.causeCode = causeCode;
  }
}
