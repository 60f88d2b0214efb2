/** Errors raised while building or reading CMS structures, with a stable machine-readable code. */

export type CmsErrorCode =
  | 'CMS_BAD_CERTIFICATE' // a certificate given to the builder cannot be parsed
  | 'CMS_BAD_TOKEN' // a timestamp token does not carry a readable TSTInfo
  | 'CMS_SELF_CHECK' // the encoded structure does not contain the exact bytes that were signed
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
