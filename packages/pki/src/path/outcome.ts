/** Maps fine-grained path failures to ETSI EN 319 102-1 indications and sub-indications. */
import type { PathErrorClass } from './errors.js';
import type { Indication, SubIndication } from './types.js';

const SUB: Record<PathErrorClass, SubIndication> = {
  MalformedCertificate: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
  NoChain: 'NO_CERTIFICATE_CHAIN_FOUND',
  NameChaining: 'NO_CERTIFICATE_CHAIN_FOUND',
  InvalidSignature: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
  UnsupportedAlgorithm: 'CRYPTO_CONSTRAINTS_FAILURE',
  CryptoConstraints: 'CRYPTO_CONSTRAINTS_FAILURE',
  Expired: 'OUT_OF_BOUNDS_NO_POE',
  NotYetValid: 'NOT_YET_VALID',
  NotCA: 'CHAIN_CONSTRAINTS_FAILURE',
  PathLength: 'CHAIN_CONSTRAINTS_FAILURE',
  KeyUsage: 'CHAIN_CONSTRAINTS_FAILURE',
  ExtKeyUsage: 'CHAIN_CONSTRAINTS_FAILURE',
  NameConstraints: 'CHAIN_CONSTRAINTS_FAILURE',
  Policy: 'CHAIN_CONSTRAINTS_FAILURE',
  PolicyMapping: 'CHAIN_CONSTRAINTS_FAILURE',
  UnknownCriticalExtension: 'CHAIN_CONSTRAINTS_FAILURE',
  // The validation time is not a proof that the signature existed before the revocation.
  Revoked: 'REVOKED_NO_POE',
  RevocationUnavailable: 'TRY_LATER',
  RevocationStale: 'TRY_LATER',
  DeltaCRLStale: 'TRY_LATER',
  CRLInvalid: 'TRY_LATER',
  CRLScope: 'TRY_LATER',
  CRLReasonsNotCovered: 'TRY_LATER',
  CRLIssuerInvalid: 'TRY_LATER',
  OCSPInvalid: 'TRY_LATER',
  FetchFailed: 'TRY_LATER',
};

export function indicationFor(code: PathErrorClass): { indication: Indication; subIndication: SubIndication } {
  return { indication: 'INDETERMINATE', subIndication: SUB[code] };
}
