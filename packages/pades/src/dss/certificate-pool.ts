/**
 * A deduplicated set of certificates with issuer lookup, used to complete the chains whose
 * validation data goes into the DSS.
 */
import { parseCertificate, verifySignature, type ParsedCertificate } from '@paraphe/pki';
import { bytesKey, equalBytes } from './bytes-key.js';

export class CertificatePool {
  private readonly byKey = new Map<string, ParsedCertificate>();

  constructor(certificates: Iterable<Uint8Array> = []) {
    for (const c of certificates) this.add(c);
  }

  add(der: Uint8Array): ParsedCertificate {
    const key = bytesKey(der);
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const parsed = parseCertificate(der);
    this.byKey.set(key, parsed);
    return parsed;
  }

  all(): ParsedCertificate[] {
    return [...this.byKey.values()];
  }

  /** The certificate that issued `cert` (name match, then signature check to pick among re-keyed CAs). */
  issuerOf(cert: ParsedCertificate): ParsedCertificate | undefined {
    const candidates = this.all().filter((c) => equalBytes(c.subjectDer, cert.issuerDer) && c !== cert);
    if (candidates.length <= 1) return candidates[0];
    return candidates.find((c) => {
      try {
        return verifySignature(c.spki, cert.pkijs.signatureAlgorithm, cert.tbs, cert.signatureValue);
      } catch {
        return false; // a candidate whose key cannot check this signature is simply not the issuer
      }
    });
  }
}
