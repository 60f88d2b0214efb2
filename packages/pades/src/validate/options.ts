/** Inputs of `validate`: trust anchors, validation time, optional online sources, policy. */
import type { CryptoPolicy } from './crypto-policy.js';

export interface ValidationFetchers {
  ocsp?(url: string, requestDer: Uint8Array): Promise<Uint8Array>;
  crl?(url: string): Promise<Uint8Array>;
  certificate?(url: string): Promise<Uint8Array>;
}

export interface ValidationPolicy {
  /** Algorithm acceptance with dates; default {@link DEFAULT_CRYPTO_POLICY}. */
  readonly crypto?: CryptoPolicy;
  /** 'require': no revocation data → INDETERMINATE; default 'if-available'. */
  readonly revocation?: 'require' | 'if-available' | 'none';
}

export interface ValidateOptions {
  /** DER certificates trusted as anchors (roots of the signers' and TSAs' chains). */
  readonly trustAnchors: readonly Uint8Array[];
  /** Validation time; default now. A valid signature timestamp moves a signature's own check to its genTime. */
  readonly at?: Date;
  /** Online revocation / certificate sources, used only when given (after embedded and DSS data). */
  readonly fetchers?: ValidationFetchers;
  readonly policy?: ValidationPolicy;
}
