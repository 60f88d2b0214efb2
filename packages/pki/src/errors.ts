/**
 * Errors of the PKI layer. Every failure carries a stable machine-readable code so that
 * callers (signer, server, CLI) can react to *why* without parsing messages.
 */

export type PkiErrorCode =
  | 'PKI_INVALID_INPUT' // an argument is out of range or inconsistent
  | 'PKI_UNSUPPORTED' // an algorithm, key type or structure this layer does not handle
  | 'CERT_INVALID' // bytes that are not a parsable X.509 certificate
  | 'CRL_INVALID' // bytes that are not a parsable CRL
  | 'KEY_BAD_PASSWORD' // encrypted PKCS#8 could not be decrypted with the given password
  | 'KEY_INVALID' // malformed private key structure
  | 'P12_BAD_PASSWORD' // PKCS#12 MAC or decryption failed with the given password
  | 'P12_INVALID' // not a PKCS#12 file, or a structure this reader does not understand
  | 'PKCS11_ERROR' // the token or module reported an error
  | 'PKCS11_NOT_FOUND' // token, slot or key not found on the module
  | 'OCSP_INVALID' // malformed OCSP request or response
  | 'TSA_HTTP' // transport failure or non-200 answer from the TSA
  | 'TSA_REJECTED' // the TSA answered with a status other than granted/grantedWithMods
  | 'TSA_NONCE_MISMATCH' // token nonce differs from the request nonce
  | 'TSA_IMPRINT_MISMATCH' // token message imprint differs from the requested one
  | 'TSA_BAD_CERT' // TSA certificate missing or not fit for time-stamping
  | 'TSA_BAD_SIGNATURE' // token signature or its signed attributes do not verify
  | 'TSA_INVALID'; // malformed time-stamp request, response or token

export class PkiError extends Error {
  readonly code: PkiErrorCode;
  constructor(code: PkiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PkiError';
    this.code = code;
  }
}
