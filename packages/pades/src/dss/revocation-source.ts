/**
 * Where validation data for B-LT comes from. Side effects (HTTP, files) stay with the caller:
 * the library only asks for an OCSP response or a CRL and embeds what it gets.
 */

export interface RevocationSource {
  /** OCSP response (DER) for `certificate` issued by `issuer`, or undefined when no responder is known. */
  ocsp?(certificate: Uint8Array, issuer: Uint8Array): Promise<Uint8Array | undefined>;
  /** CRL (DER) published at a distribution point URL, or undefined when not available. */
  crl?(url: string): Promise<Uint8Array | undefined>;
  /** CRLs to embed as they are (they also count as coverage for the certificates their issuer issued). */
  readonly extraCrls?: readonly Uint8Array[];
  /** OCSP responses to embed as they are. */
  readonly extraOcsps?: readonly Uint8Array[];
  /** Certificates that may complete chains (roots, TSA issuers…). */
  readonly extraCerts?: readonly Uint8Array[];
}
