/**
 * Decides whether an OCSP response can stand as revocation data for a certificate in the DSS:
 * successful, answering for exactly that certificate with a known status, and signed by the
 * issuer or by a responder the issuer delegated (RFC 6960 §4.2.2.2). Otherwise says why.
 */
import { certIdMatches, parseOcspResponse, parseCertificate, type ParsedCertificate } from '@paraphe/pki';
import { equalBytes } from './bytes-key.js';

const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

export type OcspVerdict =
  | { readonly accepted: true; readonly certificates: readonly Uint8Array[] }
  | { readonly accepted: false; readonly reason: string };

export function acceptOcsp(der: Uint8Array, cert: ParsedCertificate, issuer: ParsedCertificate): OcspVerdict {
  let parsed;
  try {
    parsed = parseOcspResponse(der);
  } catch (e) {
    return { accepted: false, reason: `unreadable OCSP response: ${(e as Error).message}` };
  }
  if (parsed.responseStatus !== 'successful') return { accepted: false, reason: `OCSP responder answered ${parsed.responseStatus}` };
  const single = parsed.responses.find((r) => certIdMatches(r.certId, cert.der, issuer.der));
  if (!single) return { accepted: false, reason: 'the OCSP response does not cover the certificate' };
  if (single.status === 'unknown') return { accepted: false, reason: 'the OCSP responder does not know the certificate' };
  if (parsed.signatureValidWith(issuer.der)) return { accepted: true, certificates: parsed.certificates };
  const delegated = parsed.certificates.some((c) => {
    const r = parseCertificate(c);
    return equalBytes(r.issuerDer, issuer.subjectDer) && (r.extKeyUsage ?? []).includes(OCSP_SIGNING) && parsed.signatureValidWith(c);
  });
  if (delegated) return { accepted: true, certificates: parsed.certificates };
  return { accepted: false, reason: 'the OCSP response is signed neither by the issuer nor by a responder it delegated' };
}
