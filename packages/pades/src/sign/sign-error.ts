/** Errors of the signing side, each with a stable machine-readable code for the CLI, API and logs. */
import { PdfError } from '@paraphe/pdf';

export type SignErrorCode =
  | 'SIGN_NOT_PDF' // the input could not be read as a PDF (wraps the PdfError code)
  | 'SIGN_MALFORMED' // readable, but its page or form tree is broken (cycles…): a signature on it would not validate
  | 'SIGN_ENCRYPTED' // encrypted documents are not signed (the writer would have to encrypt the update)
  | 'SIGN_WOULD_BREAK_SIGNATURES' // the file needed xref recovery and carries signatures: an update would invalidate them
  | 'SIGN_DOCMDP_LOCKED' // a certification signature with DocMDP P=1 forbids any further change
  | 'SIGN_CERTIFY_NOT_FIRST' // a certification signature must be the first signature of the document
  | 'SIGN_FIELD_NOT_FOUND' // the named field exists but is not a signature field, or a page/field reference is wrong
  | 'SIGN_FIELD_ALREADY_SIGNED' // the named signature field already holds a signature
  | 'SIGN_BAD_OPTIONS' // inconsistent options (page out of range, level without timestamper…)
  | 'SIGN_TSA_FAILED' // the time-stamping authority did not return a usable token
  | 'SIGN_REVOCATION_UNAVAILABLE' // no OCSP response or CRL could be obtained for a certificate (B-LT)
  | 'SIGN_CHAIN_INCOMPLETE' // the issuer of a certificate to validate is not available (B-LT)
  | 'SIGN_CONTENTS_TOO_SMALL' // the CMS did not fit the /Contents placeholder even after resizing
  | 'SIGN_SIGNER_FAILED' // the Signer (key, token, HSM) failed to produce a signature
  | 'SIGN_WRITE'; // the output could not be written

export class SignError extends Error {
  readonly code: SignErrorCode;
  override readonly cause: unknown;
  constructor(code: SignErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = 'SignError';
    this.code = code;
    this.cause = cause;
  }
}

/**
 * Runs a signing operation and turns any PdfError that escapes it (objects are read lazily,
 * so damage can surface after loading) into SIGN_NOT_PDF with the PDF layer's code.
 */
export async function mapPdfErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (e) {
    if (e instanceof PdfError) {
      if (e.code === 'PDF_ENCRYPTED') throw new SignError('SIGN_ENCRYPTED', `encrypted PDF: ${e.message}`, e);
      throw new SignError('SIGN_NOT_PDF', `not a readable PDF (${e.code}): ${e.message}`, e);
    }
    throw e;
  }
}
