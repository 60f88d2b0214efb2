/**
 * Errors of the PDF layer. Every failure carries a stable machine-readable code so that the
 * CLI, the API and the validator can report *why* without parsing messages.
 */

export type PdfErrorCode =
  | 'PDF_NOT_A_PDF' // no %PDF header / not a PDF at all
  | 'PDF_SYNTAX' // malformed token or object
  | 'PDF_XREF' // xref section or stream cannot be read (strict mode) or is inconsistent
  | 'PDF_NO_TRAILER' // no trailer / no /Root found
  | 'PDF_OBJECT_NOT_FOUND' // reference that does not resolve
  | 'PDF_CIRCULAR' // reference or structure cycle
  | 'PDF_LIMIT' // a decoding or nesting limit was exceeded (bomb, loop, too deep)
  | 'PDF_FILTER' // unsupported or broken stream filter
  | 'PDF_ENCRYPTED' // encrypted document (or malformed /Encrypt)
  | 'PDF_WRITE'; // the incremental writer was asked something it cannot write safely

export class PdfError extends Error {
  readonly code: PdfErrorCode;
  /** Absolute byte offset where the problem was found, when known. */
  readonly offset: number | undefined;
  constructor(code: PdfErrorCode, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = 'PdfError';
    this.code = code;
    this.offset = offset;
  }
}
