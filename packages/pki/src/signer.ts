/**
 * Signer: what every signing operation needs from a key, wherever the key lives
 * (memory, password-encrypted PKCS#8, PKCS#11 token). The private key never crosses this
 * interface; only digests and signature values do.
 */

export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** The signature scheme a signer produces. */
export type SignatureScheme =
  | { readonly kind: 'rsa-pkcs1v15' }
  | { readonly kind: 'rsa-pss'; readonly saltLength: number }
  | { readonly kind: 'ecdsa'; readonly namedCurve: 'P-256' | 'P-384' | 'P-521' }
  | { readonly kind: 'ed25519' };

export interface Signer {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** DER of the rest of the chain (issuing CA first, root last; the root may be omitted). */
  readonly chain: readonly Uint8Array[];
  readonly scheme: SignatureScheme;
  /**
   * Signs `data` with `hash` (the signer hashes; for ECDSA the result is the DER-encoded
   * Ecdsa-Sig-Value, as CMS requires, not the raw r||s of WebCrypto).
   */
  sign(data: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array>;
}
