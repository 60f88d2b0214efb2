/** Certificate path validation with revocation checking: build candidate paths, validate each, report the best. */
import { buildParsedPaths, CertificatePool } from './build-paths.js';
import { parseCertificate, type ParsedCertificate } from './certificate.js';
import { checkPath, describePosition } from './check-path.js';
import { certificatesFromFetched } from './fetched-certificates.js';
import { parseCrl, type ParsedCrl } from './crl.js';
import { PathValidationError } from './errors.js';
import { parseOcspResponse, type ParsedOcspResponse } from './ocsp.js';
import { indicationFor } from './outcome.js';
import { certificateRevocation, revocationError, type CertRevocation, type RevocationContext } from './revocation.js';
import type { PathValidationOptions, PathValidationResult, RevocationSummary } from './types.js';

const MAX_SIGNER_DEPTH = 4;

interface Outcome {
  path: ParsedCertificate[];
  error?: PathValidationError;
  leafRevocation: CertRevocation | null;
  checkedCerts: number;
  /** How far validation got, to pick the most informative failure. */
  progress: number;
}

class PathValidator {
  private readonly anchors: CertificatePool;
  private readonly pool: CertificatePool;
  private readonly crls: ParsedCrl[] = [];
  private readonly ocsps: ParsedOcspResponse[] = [];
  private readonly inProgress = new Set<string>();
  private readonly signerCache = new Map<string, string | null>();
  readonly inputProblems: string[] = [];

  constructor(private readonly options: PathValidationOptions) {
    this.anchors = new CertificatePool(options.trustAnchors.map(parseCertificate));
    this.pool = new CertificatePool();
    for (const der of options.intermediates ?? []) {
      try { this.pool.add(parseCertificate(der)); } catch (e) { this.inputProblems.push(`ignored certificate: ${(e as Error).message}`); }
    }
    for (const der of options.crls ?? []) {
      try { this.crls.push(parseCrl(der)); } catch (e) { this.inputProblems.push(`ignored CRL: ${(e as Error).message}`); }
    }
    for (const der of options.ocspResponses ?? []) {
      try {
        const resp = parseOcspResponse(der);
        this.ocsps.push(resp);
        for (const c of resp.certs) this.pool.add(c);
      } catch (e) { this.inputProblems.push(`ignored OCSP response: ${(e as Error).message}`); }
    }
  }

  private certsBySubject = (key: string): ParsedCertificate[] => [...this.anchors.bySubjectKey(key), ...this.pool.bySubjectKey(key)];

  private async fetchIssuers(leaf: ParsedCertificate): Promise<void> {
    const fetch = this.options.fetchers?.certificate;
    if (!fetch) return;
    let tip: ParsedCertificate | undefined = leaf;
    for (let round = 0; tip && round < 6; round++) {
      if (this.anchors.issuersOf(tip).length > 0) return;
      const known: ParsedCertificate | undefined = this.pool.issuersOf(tip)[0];
      if (known) { tip = known; continue; }
      let next: ParsedCertificate | undefined;
      for (const url of tip.caIssuerUrls) {
        try {
          for (const cert of certificatesFromFetched(await fetch(url))) {
            this.pool.add(cert);
            if (cert.subject.key === tip.issuer.key) next ??= cert;
          }
        } catch (e) {
          this.inputProblems.push(`certificate fetch from ${url} failed: ${(e as Error).message}`);
        }
      }
      tip = next;
    }
  }

  async validate(leaf: ParsedCertificate, depth: number, top: boolean): Promise<Outcome> {
    let paths = buildParsedPaths(leaf, this.anchors, this.pool);
    if (paths.length === 0 && this.options.fetchers?.certificate) {
      await this.fetchIssuers(leaf);
      paths = buildParsedPaths(leaf, this.anchors, this.pool);
    }
    if (paths.length === 0) {
      return {
        path: [leaf], leafRevocation: null, checkedCerts: 0, progress: 0,
        error: new PathValidationError('NoChain', `no certificate chain from ${leaf.subjectText} to a trust anchor was found`, 0),
      };
    }
    let best: Outcome | null = null;
    for (const path of paths) {
      const outcome = await this.validateOne(path, depth, top);
      if (!outcome.error) return outcome;
      if (!best || outcome.progress > best.progress) best = outcome;
    }
    return best!;
  }

  private async validateOne(path: ParsedCertificate[], depth: number, top: boolean): Promise<Outcome> {
    const o = this.options;
    const check = checkPath(path, {
      time: o.time,
      ...(top && o.policy ? { policy: o.policy } : {}),
      ...(top && o.requiredEku ? { requiredEku: o.requiredEku } : {}),
      ...(o.algorithmPolicy ? { algorithmPolicy: o.algorithmPolicy } : {}),
    });
    if (!check.ok) {
      return { path, error: check.error, leafRevocation: null, checkedCerts: 0, progress: path.length * 10 - (check.error.certIndex ?? 0) };
    }
    const mode = o.revocation ?? 'if-available';
    if (mode === 'none') return { path, leafRevocation: null, checkedCerts: 0, progress: 0 };
    const upTheStack = new Set(path.filter((c) => this.inProgress.has(c.id)).map((c) => c.id));
    const added = path.filter((c) => !upTheStack.has(c.id));
    for (const c of added) this.inProgress.add(c.id);
    try {
      return await this.checkRevocation(path, depth, mode, upTheStack);
    } finally {
      for (const c of added) this.inProgress.delete(c.id);
    }
  }

  private async checkRevocation(
    path: ParsedCertificate[], depth: number, mode: 'require' | 'if-available', upTheStack: Set<string>,
  ): Promise<Outcome> {
    const ctx: RevocationContext = {
      time: this.options.time, mode, crls: this.crls, ocsps: this.ocsps, certsBySubject: this.certsBySubject,
      responderPool: this.pool.all(),
      validateSigner: (signer) => this.validateSigner(signer, depth),
      ...(this.options.algorithmPolicy ? { algorithmPolicy: this.options.algorithmPolicy } : {}),
      ...(this.options.fetchers ? { fetchers: this.options.fetchers } : {}),
    };
    let checked = 0;
    let leafRevocation: CertRevocation | null = null;
    const base = path.length * 10 + 1000;
    for (let pos = path.length - 2; pos >= 0; pos--) {
      const cert = path[pos]!;
      const where = describePosition(pos, path.length);
      // A certificate already being validated up the stack (a CRL signer checked by its own CRL) is not re-entered.
      if (cert.ocspNoCheck || upTheStack.has(cert.id)) continue;
      const rev = await certificateRevocation(cert, path[pos + 1]!, ctx);
      if (pos === 0) leafRevocation = rev;
      if (rev.status === 'revoked') {
        const at = rev.revokedAt!.toISOString();
        const error = new PathValidationError('Revoked', `${rev.source === 'ocsp' ? 'OCSP' : 'CRL'} indicates ${where} was revoked at ${at}${rev.reason ? `, due to ${rev.reason}` : ''}`, pos);
        return { path, error, leafRevocation, checkedCerts: checked + 1, progress: base - pos };
      }
      if (rev.status === 'good') { checked++; continue; }
      const code = rev.error?.code;
      const tolerated = mode === 'if-available' && (code === 'RevocationUnavailable' || code === 'CRLScope' || code === 'FetchFailed');
      if (!tolerated) {
        const error = revocationError(where, rev);
        return { path, error: new PathValidationError(error.code, error.message, pos), leafRevocation, checkedCerts: checked, progress: base - pos };
      }
    }
    return { path, leafRevocation, checkedCerts: checked, progress: base };
  }

  private async validateSigner(signer: ParsedCertificate, depth: number): Promise<string | null> {
    if (this.inProgress.has(signer.id)) return null;
    const cached = this.signerCache.get(signer.id);
    if (cached !== undefined) return cached;
    if (depth >= MAX_SIGNER_DEPTH) return 'revocation signer chain is too deep';
    const outcome = await this.validate(signer, depth + 1, false);
    const reason = outcome.error ? outcome.error.message : null;
    this.signerCache.set(signer.id, reason);
    return reason;
  }
}

function summary(rev: CertRevocation | null, checked: number): RevocationSummary {
  if (!rev) return { status: 'unknown', source: null, checkedCerts: checked };
  const out: RevocationSummary = { status: rev.status, source: rev.source, checkedCerts: checked };
  if (rev.revokedAt) out.revokedAt = rev.revokedAt;
  if (rev.reason) out.reason = rev.reason;
  return out;
}

/** Validates the certification path of `leaf` (DER) at `options.time` (RFC 5280 §6.1, RFC 6960, RFC 5280 §6.3). */
export async function validateCertPath(leaf: Uint8Array, options: PathValidationOptions): Promise<PathValidationResult> {
  let validator: PathValidator;
  let leafCert: ParsedCertificate;
  try {
    validator = new PathValidator(options);
    leafCert = parseCertificate(leaf);
  } catch (e) {
    const err = e instanceof PathValidationError ? e : new PathValidationError('MalformedCertificate', (e as Error).message);
    return {
      ...indicationFor(err.code), reasons: [err.message], path: [leaf], errorClass: err.code,
      revocation: { status: 'unknown', source: null, checkedCerts: 0 },
    };
  }
  const outcome = await validator.validate(leafCert, 0, true);
  const path = outcome.path.map((c) => c.der);
  const revocation = summary(outcome.leafRevocation, outcome.checkedCerts);
  if (!outcome.error) return { indication: 'PASSED', reasons: [], path, revocation };
  return {
    ...indicationFor(outcome.error.code),
    reasons: [outcome.error.message, ...validator.inputProblems],
    path, revocation, errorClass: outcome.error.code,
  };
}
