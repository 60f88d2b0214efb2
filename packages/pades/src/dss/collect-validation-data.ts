/**
 * Gathers what a verifier needs to validate certificates long after signing: every chain up to
 * its root and, for each certificate below a root, an OCSP response or a CRL (PAdES B-LT).
 */
import type { ParsedCertificate } from '@paraphe/pki';
import { SignError } from '../sign/sign-error.js';
import { bytesKey, equalBytes } from './bytes-key.js';
import { CertificatePool } from './certificate-pool.js';
import { acceptOcsp } from './ocsp-acceptance.js';
import { crlIssuer } from './revocation-info.js';
import type { RevocationSource } from './revocation-source.js';

export interface ValidationMaterial {
  readonly certs: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
}

class BlobSet {
  private readonly map = new Map<string, Uint8Array>();
  add(b: Uint8Array): void {
    this.map.set(bytesKey(b), b);
  }
  values(): Uint8Array[] {
    return [...this.map.values()];
  }
}

/**
 * `start` are the certificates to make verifiable (those embedded in a signature and its
 * timestamps); chains are completed from them, `source.extraCerts` and `moreCerts`.
 */
export async function collectValidationData(
  start: readonly Uint8Array[],
  source: RevocationSource,
  moreCerts: readonly Uint8Array[] = [],
): Promise<ValidationMaterial> {
  const pool = new CertificatePool([...start, ...moreCerts, ...(source.extraCerts ?? [])]);
  const chain = completeChains(start.map((c) => pool.add(c)), pool);
  const certs = new BlobSet();
  const ocsps = new BlobSet();
  const crls = new BlobSet();
  for (const c of chain) certs.add(c.der);
  for (const crl of source.extraCrls ?? []) crls.add(crl);
  const extraOcsps = source.extraOcsps ?? [];
  for (const der of extraOcsps) ocsps.add(der);
  const crlByUrl = new Map<string, Uint8Array>();

  for (const cert of chain) {
    if (cert.selfIssued || cert.ocspNoCheck) continue; // roots are trust anchors; no-check responders need no status
    if ((source.extraCrls ?? []).some((crl) => equalBytes(crlIssuer(crl), cert.issuerDer))) continue;
    const reasons: string[] = [];
    const issuer = pool.issuerOf(cert);
    if (issuer && coveredByOcsp(extraOcsps, cert, issuer, certs)) continue;
    if (source.ocsp && issuer) {
      try {
        const response = await source.ocsp(cert.der, issuer.der);
        if (response === undefined) reasons.push('no OCSP responder known');
        else if (coveredByOcsp([response], cert, issuer, certs, reasons)) {
          ocsps.add(response);
          continue;
        }
      } catch (e) {
        reasons.push(`OCSP: ${(e as Error).message}`);
      }
    }
    if (await fetchCrl(cert, source, crlByUrl, crls, reasons)) continue;
    throw new SignError(
      'SIGN_REVOCATION_UNAVAILABLE',
      `no revocation data for ${cert.subject}: ${reasons.join('; ') || 'no OCSP or CRL source'}`,
    );
  }
  return { certs: certs.values(), ocsps: ocsps.values(), crls: crls.values() };
}

/** True when one of `responses` is acceptable for `cert`; its responder certificates join `certs`. */
function coveredByOcsp(
  responses: readonly Uint8Array[],
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  certs: BlobSet,
  reasons: string[] = [],
): boolean {
  for (const der of responses) {
    const verdict = acceptOcsp(der, cert, issuer);
    if (verdict.accepted) {
      for (const c of verdict.certificates) certs.add(c);
      return true;
    }
    reasons.push(verdict.reason);
  }
  return false;
}

async function fetchCrl(
  cert: ParsedCertificate,
  source: RevocationSource,
  cache: Map<string, Uint8Array>,
  out: BlobSet,
  reasons: string[],
): Promise<boolean> {
  if (!source.crl) return false;
  if (cert.crlUrls.length === 0) reasons.push('no CRL distribution point');
  for (const url of cert.crlUrls) {
    try {
      const crl = cache.get(url) ?? (await source.crl(url));
      if (!crl) {
        reasons.push(`CRL ${url} unavailable`);
        continue;
      }
      cache.set(url, crl);
      if (!equalBytes(crlIssuer(crl), cert.issuerDer)) {
        reasons.push(`CRL ${url} is not issued by the certificate's issuer`);
        continue;
      }
      out.add(crl);
      return true;
    } catch (e) {
      reasons.push(`CRL ${url}: ${(e as Error).message}`);
    }
  }
  return false;
}

/** The given certificates plus every issuer up to a self-issued root. */
function completeChains(start: readonly ParsedCertificate[], pool: CertificatePool): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  const queue = [...start];
  while (queue.length > 0) {
    const cert = queue.shift() as ParsedCertificate;
    if (out.includes(cert)) continue;
    out.push(cert);
    if (cert.selfIssued) continue;
    const issuer = pool.issuerOf(cert);
    if (!issuer) {
      throw new SignError(
        'SIGN_CHAIN_INCOMPLETE',
        `the issuer of ${cert.subject} (${cert.issuer}) is not available: pass it in revocation.extraCerts`,
      );
    }
    queue.push(issuer);
  }
  return out;
}
