/** Errors raised while building or reading CMS structures, with a stable machine-readable code. */

export type CmsErrorCode =
  | 'CMS_BAD_CERTIFICATE' // a certificate given to the builder cannot be parsed
  | 'CMS_BAD_TOKEN' // a timestamp token or CMS blob cannot be parsed
  | 'CMS_SELF_CHECK'; // the encoded structure does not contain the exact bytes that were signed

export class CmsError extends Error {
  readonly code: CmsErrorCode;
  constructor(code: CmsErrorCode, message: string) {
    super(message);
    this.name = 'CmsError';
    this.code = code;
  }
}
