/**
 * A deduplicated set of certificates with issuer lookup, used to complete the chains whose
 * validation data goes into the DSS.
 */
import { parseCertificate, type ParsedCertificate } from '@paraphe/pki';
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

  /** The certificate that issued `cert`: name match, then key identifiers to pick among re-keyed CAs. */
  issuerOf(cert: ParsedCertificate): ParsedCertificate | undefined {
    const candidates = this.all().filter((c) => equalBytes(c.subjectDer, cert.issuerDer) && c !== cert);
    if (candidates.length <= 1) return candidates[0];
    const aki = cert.authorityKeyIdentifier;
    const byKeyId = aki && candidates.find((c) => c.subjectKeyIdentifier && equalBytes(c.subjectKeyIdentifier, aki));
    return byKeyId || candidates[0];
  }
}
