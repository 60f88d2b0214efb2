/** Internal result of evaluating one signature, before the PAdES level is derived. */
import type { SignatureReport } from './report.js';

export interface Evaluated {
  readonly report: Omit<SignatureReport, 'level'>;
  /** Revision whose end the signed bytes reach. */
  readonly revision: number | null;
  /** ETSI.CAdES.detached with an ESS signing-certificate(-v2) attribute bound to the signer. */
  readonly baseline: boolean;
  /** A signature timestamp whose signature and imprint verify. */
  readonly timestamped: boolean;
  /** Certificates of the signer's chain (leaf first), for the B-LT check. */
  readonly chain: readonly Uint8Array[];
  /** Certificates of the signature timestamp authority's chain, when trusted. */
  readonly tsaChain: readonly Uint8Array[];
  /** For document timestamps: token verified and imprint matches. */
  readonly docTimestampValid: boolean;
}
