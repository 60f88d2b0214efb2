/** Revocation status of one certificate of a path, from OCSP responses and CRLs (stored or fetched). */
import type { ParsedCertificate } from './certificate.js';
import { parseCrl, type ParsedCrl } from './crl.js';
import { crlStatus, type SourceStatus } from './crl-status.js';
import { PathValidationError, type PathErrorClass } from './errors.js';
import { buildOcspRequest } from './ocsp-request.js';
import { certIdMatches, parseOcspResponse, respondsForIssuer, verifyParsedOcsp, type ParsedOcspResponse } from './ocsp.js';
import type { AlgorithmPolicy, PathFetchers, RevocationMode } from './types.js';

export interface RevocationContext {
  time: Date;
  mode: RevocationMode;
  crls: ParsedCrl[];
  ocsps: ParsedOcspResponse[];
  fetchers?: PathFetchers;
  certsBySubject(key: string): ParsedCertificate[];
  /** Certificates where a delegated OCSP responder may be found. */
  responderPool: readonly ParsedCertificate[];
  validateSigner(signer: ParsedCertificate): Promise<string | null>;
  algorithmPolicy?: AlgorithmPolicy;
}

export interface CertRevocation {
  status: 'good' | 'revoked' | 'unknown';
  source: 'crl' | 'ocsp' | null;
  revokedAt?: Date;
  reason?: string;
  /** Why the status could not be established (absent when good or revoked). */
  error?: { code: PathErrorClass; message: string };
}

type Problem = { code: PathErrorClass; message: string };

function ocspStatus(cert: ParsedCertificate, issuer: ParsedCertificate, ctx: RevocationContext): { result?: CertRevocation; errors: Problem[] } {
  const errors: Problem[] = [];
  let good: CertRevocation | undefined;
  for (const resp of ctx.ocsps) {
    if (!resp.responses.some((r) => r.serialHex === cert.serialHex)) continue;
    const check = verifyParsedOcsp(resp, cert, issuer, {
      time: ctx.time, pool: ctx.responderPool, ...(ctx.algorithmPolicy ? { algorithmPolicy: ctx.algorithmPolicy } : {}),
    });
    if (!check.valid) {
      // A response from another CA about a certificate with the same serial says nothing about this one.
      if (resp.responses.some((r) => certIdMatches(r, cert, issuer)) || respondsForIssuer(resp, issuer)) {
        errors.push({ code: check.errorClass ?? 'OCSPInvalid', message: check.reasons.join('; ') });
      }
      continue;
    }
    if (check.status === 'revoked' && check.revokedAt && check.revokedAt <= ctx.time) {
      const out: CertRevocation = { status: 'revoked', source: 'ocsp', revokedAt: check.revokedAt };
      if (check.reason) out.reason = check.reason;
      return { result: out, errors };
    }
    if (check.status === 'good' || check.status === 'revoked') good ??= { status: 'good', source: 'ocsp' };
    else errors.push({ code: 'RevocationUnavailable', message: 'OCSP responder does not know the certificate (status unknown)' });
  }
  return good ? { result: good, errors } : { errors };
}

const PRIORITY: PathErrorClass[] = ['CryptoConstraints', 'RevocationStale', 'CRLIssuerInvalid', 'CRLInvalid', 'OCSPInvalid', 'DeltaCRLStale', 'CRLReasonsNotCovered', 'FetchFailed'];

function worst(errors: Problem[]): Problem | undefined {
  for (const code of PRIORITY) {
    const hit = errors.find((e) => e.code === code);
    if (hit) return hit;
  }
  return undefined;
}

async function fetchMore(cert: ParsedCertificate, issuer: ParsedCertificate, ctx: RevocationContext): Promise<Problem[]> {
  const problems: Problem[] = [];
  const f = ctx.fetchers;
  if (f?.ocsp) {
    for (const url of cert.ocspUrls) {
      try {
        ctx.ocsps.push(parseOcspResponse(await f.ocsp(url, buildOcspRequest(cert, issuer))));
      } catch (e) {
        problems.push({ code: 'FetchFailed', message: `OCSP fetch from ${url} failed: ${(e as Error).message}` });
      }
    }
  }
  if (f?.crl) {
    const urls = (cert.crlDistributionPoints ?? []).flatMap((dp) => (dp.name && 'full' in dp.name ? dp.name.full : []))
      .filter((g) => g.kind === 'uri' && /^https?:/i.test(g.value)).map((g) => g.value as string);
    for (const url of urls) {
      try {
        ctx.crls.push(parseCrl(await f.crl(url)));
      } catch (e) {
        problems.push({ code: 'FetchFailed', message: `CRL fetch from ${url} failed: ${(e as Error).message}` });
      }
    }
  }
  return problems;
}

async function statusFromSources(cert: ParsedCertificate, issuer: ParsedCertificate, ctx: RevocationContext): Promise<{ result?: CertRevocation; errors: Problem[] }> {
  const ocsp = ocspStatus(cert, issuer, ctx);
  if (ocsp.result?.status === 'revoked') return ocsp;
  const crl: SourceStatus = await crlStatus(cert, issuer, {
    time: ctx.time, crls: ctx.crls, certsBySubject: ctx.certsBySubject, validateSigner: ctx.validateSigner,
    ...(ctx.algorithmPolicy ? { algorithmPolicy: ctx.algorithmPolicy } : {}),
  });
  if (crl.kind === 'revoked') return { result: { status: 'revoked', source: 'crl', revokedAt: crl.revokedAt, reason: crl.reason }, errors: [] };
  if (ocsp.result) return ocsp;
  if (crl.kind === 'good') return { result: { status: 'good', source: 'crl' }, errors: [] };
  return { errors: [...ocsp.errors, ...crl.errors] };
}

/** Establishes the status of `cert` (issued by `issuer`) at `ctx.time`; fetches online only when nothing local decides. */
export async function certificateRevocation(cert: ParsedCertificate, issuer: ParsedCertificate, ctx: RevocationContext): Promise<CertRevocation> {
  let found = await statusFromSources(cert, issuer, ctx);
  if (!found.result && ctx.fetchers) {
    const fetchProblems = await fetchMore(cert, issuer, ctx);
    found = await statusFromSources(cert, issuer, ctx);
    found.errors.push(...fetchProblems);
  }
  if (found.result) return found.result;
  const error = worst(found.errors) ?? { code: 'RevocationUnavailable' as const, message: 'no revocation information could be found' };
  return { status: 'unknown', source: null, error };
}

export function revocationError(pos: string, rev: CertRevocation): PathValidationError {
  const e = rev.error!;
  const message = e.code === 'RevocationUnavailable'
    ? `no revocation information could be found for ${pos}`
    : `${pos} revocation checks failed: ${e.message}`;
  return new PathValidationError(e.code, message);
}
