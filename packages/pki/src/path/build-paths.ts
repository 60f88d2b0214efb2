/** Candidate certification paths from a leaf to a trust anchor, by issuer name and key identifiers. */
import { bytesEqual, toHex } from './der.js';
import { parseCertificate, type ParsedCertificate } from './certificate.js';

export interface BuildPathsOptions {
  trustAnchors: readonly Uint8Array[];
  intermediates?: readonly Uint8Array[];
  /** Longest path considered, anchor included (default 12). */
  maxLength?: number;
  /** Most candidate paths returned (default 16). */
  maxPaths?: number;
}

/** An index of certificates by subject name. */
export class CertificatePool {
  private readonly bySubject = new Map<string, ParsedCertificate[]>();
  private readonly ids = new Set<string>();

  constructor(certs: Iterable<ParsedCertificate> = []) {
    for (const c of certs) this.add(c);
  }

  add(cert: ParsedCertificate): void {
    if (this.ids.has(cert.id)) return;
    this.ids.add(cert.id);
    const list = this.bySubject.get(cert.subject.key) ?? [];
    list.push(cert);
    this.bySubject.set(cert.subject.key, list);
  }

  has(cert: ParsedCertificate): boolean {
    return this.ids.has(cert.id);
  }

  /** Certificates whose subject is the issuer of `cert` and whose key identifier does not contradict it. */
  issuersOf(cert: ParsedCertificate): ParsedCertificate[] {
    const akid = cert.authorityKeyId?.keyId;
    const list = this.bySubject.get(cert.issuer.key) ?? [];
    const compatible = list.filter((c) => !akid || !c.subjectKeyId || bytesEqual(akid, c.subjectKeyId));
    // Prefer certificates valid longer (newest first) to get stable, deterministic ordering.
    return compatible.sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime());
  }

  all(): ParsedCertificate[] {
    return [...this.bySubject.values()].flat();
  }

  bySubjectKey(key: string): ParsedCertificate[] {
    return this.bySubject.get(key) ?? [];
  }
}

/** Parsed paths, leaf first and anchor last; loops avoided, several candidates when the pool allows. */
export function buildParsedPaths(
  leaf: ParsedCertificate,
  anchors: CertificatePool,
  pool: CertificatePool,
  maxLength = 12,
  maxPaths = 16,
): ParsedCertificate[][] {
  if (anchors.has(leaf)) return [[leaf]];
  // A path never passes twice through the same subject and key, whichever certificate binds them.
  const entity = (c: ParsedCertificate): string => `${c.subject.key}|${toHex(c.spki)}`;
  const out: ParsedCertificate[][] = [];
  // Bounds the search in dense cross-certified pools that hold no route to an anchor.
  let budget = 2000;
  const walk = (path: ParsedCertificate[], seen: Set<string>): void => {
    if (out.length >= maxPaths || path.length >= maxLength || --budget < 0) return;
    const tip = path[path.length - 1]!;
    for (const anchor of anchors.issuersOf(tip)) {
      if (!seen.has(entity(anchor))) out.push([...path, anchor]);
    }
    for (const next of pool.issuersOf(tip)) {
      if (seen.has(entity(next)) || anchors.has(next)) continue;
      seen.add(entity(next));
      walk([...path, next], seen);
      seen.delete(entity(next));
    }
  };
  walk([leaf], new Set([entity(leaf)]));
  return out;
}

/** Candidate paths (DER, leaf first … anchor last) from `leaf` to one of the trust anchors. */
export function buildPaths(leaf: Uint8Array, options: BuildPathsOptions): Uint8Array[][] {
  const anchors = new CertificatePool(options.trustAnchors.map(parseCertificate));
  const pool = new CertificatePool((options.intermediates ?? []).map(parseCertificate));
  return buildParsedPaths(parseCertificate(leaf), anchors, pool, options.maxLength, options.maxPaths)
    .map((p) => p.map((c) => c.der));
}
