/** Typed failures of certificate path validation, each with a stable machine-readable code. */

/** Fine-grained RFC 5280 / RFC 6960 failure kinds reported as `errorClass`. */
export type PathErrorClass =
  | 'MalformedCertificate'
  | 'NoChain'
  | 'NameChaining'
  | 'InvalidSignature'
  | 'UnsupportedAlgorithm'
  | 'CryptoConstraints'
  | 'Expired'
  | 'NotYetValid'
  | 'NotCA'
  | 'PathLength'
  | 'KeyUsage'
  | 'ExtKeyUsage'
  | 'NameConstraints'
  | 'Policy'
  | 'PolicyMapping'
  | 'UnknownCriticalExtension'
  | 'Revoked'
  | 'RevocationUnavailable'
  | 'RevocationStale'
  | 'DeltaCRLStale'
  | 'CRLInvalid'
  | 'CRLScope'
  | 'CRLReasonsNotCovered'
  | 'CRLIssuerInvalid'
  | 'OCSPInvalid'
  | 'FetchFailed';

/** A single validation failure with the certificate index it concerns (0 = leaf). */
export class PathValidationError extends Error {
  override readonly name = 'PathValidationError';
  constructor(
    readonly code: PathErrorClass,
    message: string,
    readonly certIndex?: number,
  ) {
    super(message);
  }
}
