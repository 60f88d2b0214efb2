/**
 * The validation report: typed facts per signature plus one derived verdict, exactly as
 * specified in DESIGN.md §3 (same JSON in the CLI, the API and the web UI).
 */

/** ETSI EN 319 102-1 main indications (document-level form). */
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/** ETSI EN 319 102-1 sub-indications used by this validator. */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'POLICY_PROCESSING_ERROR'
  | 'SIGNATURE_POLICY_NOT_AVAILABLE'
  | 'TIMESTAMP_ORDER_FAILURE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'REVOKED_CA_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'REVOCATION_OUT_OF_BOUNDS_NO_POE'
  | 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE'
  | 'NO_POE'
  | 'TRY_LATER'
  | 'SIGNED_DATA_NOT_FOUND';

/**
 * How much of the file the /ByteRange covers. Coverage says nothing about whether the
 * bytes appended after the signed revision are legitimate: that is `modification`.
 */
export type Coverage = 'ENTIRE_FILE' | 'ENTIRE_REVISION' | 'CONTIGUOUS_BLOCK_FROM_START' | 'UNCLEAR';

/** Worst kind of change made after the signed revision (pyHanko's ModificationLevel), from diff analysis. */
import type { ModificationLevel } from '../diff/types.js';
export type { ModificationLevel };

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface SignerInfoFacts {
  readonly subject: string;
  readonly issuer: string;
  /** Serial number, lowercase hexadecimal. */
  readonly serial: string;
}

export interface RevocationFacts {
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly source: 'dss' | 'ocsp' | 'crl' | null;
}

export interface SignatureReport {
  /** Fully qualified field name(s) joined by ", " when one signature is referenced by several fields. */
  readonly field: string;
  readonly type: 'signature' | 'doc-timestamp';
  readonly indication: Indication;
  readonly subIndication: SubIndication | null;
  /** The message digest (or timestamp imprint) matches the signed bytes. */
  readonly intact: boolean;
  /** Intact and the cryptographic signature verifies with the signer's public key. */
  readonly cryptoValid: boolean;
  /** The signer's certificate chains to a trust anchor and is not revoked at the validation time. */
  readonly trusted: boolean;
  readonly coverage: Coverage;
  readonly modification: ModificationLevel;
  /** One human-readable reason per disallowed change after this signature. */
  readonly changes: readonly string[];
  readonly level: PadesLevel | null;
  readonly signer: SignerInfoFacts | null;
  readonly signingTime: { readonly claimed: string | null; readonly timestamp: string | null };
  readonly revocation: RevocationFacts;
  /** Every reason that contributed to a verdict other than passed, plus notable facts. */
  readonly reasons: readonly string[];
  /** /SubFilter of the signature dictionary, e.g. "ETSI.CAdES.detached". */
  readonly subFilter: string | null;
  /** The /ByteRange as found (null when absent or not four integers). */
  readonly byteRange: readonly number[] | null;
}

export interface ValidationReport {
  readonly indication: Indication;
  readonly signatures: readonly SignatureReport[];
  readonly warnings: readonly string[];
  /** ISO time used as the default validation time. */
  readonly validationTime: string;
}
