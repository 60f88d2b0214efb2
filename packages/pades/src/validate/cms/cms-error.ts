/** Failure to decode a CMS structure: the reason is kept as a stable code plus a message. */

export type CmsErrorCode =
  | 'CMS_NOT_DER' // the bytes are not a BER/DER value
  | 'CMS_NOT_SIGNED_DATA' // a ContentInfo, but not id-signedData
  | 'CMS_STRUCTURE' // SignedData fields missing or of the wrong type
  | 'CMS_NO_SIGNER'; // SignedData without any SignerInfo

export class CmsError extends Error {
  readonly code: CmsErrorCode;
  constructor(code: CmsErrorCode, message: string) {
    super(message);
    this.name = 'CmsError';
    this.code = code;
  }
}
