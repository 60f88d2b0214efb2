/** Public option and result types of certificate path validation. */

export interface AlgorithmDescription {
  name: string;
  hash?: string;
  keyBits?: number;
}

/** Returns a reason when an algorithm is not acceptable at a time, null when it is. */
export type AlgorithmPolicy = (alg: AlgorithmDescription, at: Date) => string | null;

export interface PathFetchers {
  ocsp?(url: string, requestDer: Uint8Array): Promise<Uint8Array>;
  crl?(url: string): Promise<Uint8Array>;
  certificate?(url: string): Promise<Uint8Array>;
}

export interface PolicyOptions {
  initialPolicySet?: string[];
  explicitPolicy?: boolean;
  inhibitPolicyMapping?: boolean;
  inhibitAnyPolicy?: boolean;
}

export type RevocationMode = 'require' | 'if-available' | 'none';

export interface PathValidationOptions {
  /** DER certificates trusted as anchors. */
  trustAnchors: readonly Uint8Array[];
  /** Untrusted pool of certificates (from the CMS, the DSS, ...). */
  intermediates?: readonly Uint8Array[];
  /** Validation time; a past time is allowed (POE / timestamp time). */
  time: Date;
  crls?: readonly Uint8Array[];
  /** DER OCSPResponse structures. */
  ocspResponses?: readonly Uint8Array[];
  fetchers?: PathFetchers;
  /** Default 'if-available': revocation data found is checked, absence is tolerated. */
  revocation?: RevocationMode;
  requiredEku?: string[];
  policy?: PolicyOptions;
  /** Returns a reason when an algorithm is not acceptable at a time. */
  algorithmPolicy?: AlgorithmPolicy;
}

export type Indication = 'PASSED' | 'INDETERMINATE' | 'FAILED';

export type SubIndication =
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED'
  | 'REVOKED_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'TRY_LATER'
  | 'REVOCATION_OUT_OF_BOUNDS_NO_POE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'SIG_CRYPTO_FAILURE';

export interface RevocationSummary {
  status: 'good' | 'revoked' | 'unknown';
  source: 'crl' | 'ocsp' | null;
  revokedAt?: Date;
  reason?: string;
  /** Number of certificates of the path whose revocation status was established. */
  checkedCerts: number;
}

export interface PathValidationResult {
  indication: Indication;
  subIndication?: SubIndication;
  /** Human-readable reasons; never empty when not PASSED. */
  reasons: string[];
  /** Leaf first, anchor last (best path tried). */
  path: Uint8Array[];
  /** Revocation status of the leaf certificate. */
  revocation: RevocationSummary;
  /** Fine-grained failure kind (see PathErrorClass). */
  errorClass?: string;
}
