/** Revocation status of one certificate from the available CRLs (complete, delta and indirect CRLs). */
import type { ParsedCertificate } from './certificate.js';
import { verifyParsedCrl, type ParsedCrl } from './crl.js';
import { crlScope, distributionPointsOf, sameScope } from './crl-scope.js';
import { bytesEqual } from './der.js';
import type { PathErrorClass } from './errors.js';
import { ALL_REASONS, CRL_REASON_CODES } from './extensions.js';
import type { AlgorithmPolicy } from './types.js';

export interface CrlStatusContext {
  time: Date;
  crls: readonly ParsedCrl[];
  /** Certificates whose subject matches a CRL issuer name. */
  certsBySubject(key: string): ParsedCertificate[];
  /** Validates the path of a CRL signer other than the path issuer; returns a reason when it fails. */
  validateSigner(signer: ParsedCertificate): Promise<string | null>;
  algorithmPolicy?: AlgorithmPolicy;
}

export type SourceStatus =
  | { kind: 'revoked'; revokedAt: Date; reason: string }
  | { kind: 'good' }
  | { kind: 'none'; errors: { code: PathErrorClass; message: string }[] };

const REMOVE_FROM_CRL = 8;

type Verified = { ok: true } | { ok: false; code: PathErrorClass; message: string };

/** Finds an authorised signer for `crl` and checks it (signature, cRLSign, freshness, signer path). */
async function verifyCrlSigner(crl: ParsedCrl, issuer: ParsedCertificate, ctx: CrlStatusContext): Promise<Verified> {
  const akid = crl.authorityKeyId?.keyId;
  const candidates = [issuer, ...ctx.certsBySubject(crl.issuer.key).filter((c) => c.id !== issuer.id)]
    .filter((c) => c.subject.key === crl.issuer.key)
    .filter((c) => !akid || !c.subjectKeyId || bytesEqual(akid, c.subjectKeyId));
  let firstError: Verified | null = null;
  let unauthorised: Verified | null = null;
  for (const signer of candidates) {
    const check = verifyParsedCrl(crl, signer, ctx.time, ctx.algorithmPolicy);
    if (!check.valid) {
      const err: Verified = { ok: false, code: check.errorClass ?? 'CRLInvalid', message: check.reasons.join('; ') };
      // An authentic CRL's own defects are final; a wrong or unauthorised candidate lets the next one try.
      if (check.signedByIssuer && check.errorClass !== 'CRLIssuerInvalid') return err;
      if (check.signedByIssuer) unauthorised ??= err;
      else firstError ??= err;
      continue;
    }
    if (signer.id !== issuer.id) {
      const reason = await ctx.validateSigner(signer);
      if (reason) return { ok: false, code: 'CRLIssuerInvalid', message: `The CRL issuer certificate path could not be validated: ${reason}` };
    }
    return { ok: true };
  }
  return unauthorised ?? firstError ?? { ok: false, code: 'CRLInvalid', message: 'no certificate of the CRL issuer was found' };
}

function entryFor(crl: ParsedCrl, cert: ParsedCertificate) {
  return crl.entries.get(cert.serialHex)?.find((e) => e.issuerKey === cert.issuer.key);
}

/** RFC 5280 §6.3.3 over all distribution points, accumulating covered reasons. */
export async function crlStatus(cert: ParsedCertificate, issuer: ParsedCertificate, ctx: CrlStatusContext): Promise<SourceStatus> {
  const errors: { code: PathErrorClass; message: string }[] = [];
  const complete = ctx.crls.filter((c) => c.deltaBase === undefined);
  const deltas = ctx.crls.filter((c) => c.deltaBase !== undefined);
  let covered = 0;
  let anyApplied = false;
  for (const dp of distributionPointsOf(cert)) {
    for (const crl of complete) {
      if (covered === ALL_REASONS) break;
      const scope = crlScope(crl, cert, dp);
      if (!scope.inScope) {
        if (crl.issuer.key === cert.issuer.key || dp.crlIssuer) errors.push({ code: 'CRLScope', message: scope.why });
        continue;
      }
      if ((scope.reasons & ~covered) === 0) continue;
      const verified = await verifyCrlSigner(crl, issuer, ctx);
      if (!verified.ok) {
        // A delta CRL cannot stand on an expired base: the pair is unusable rather than merely old.
        const hasDelta = verified.code === 'RevocationStale' && deltas.some((d) => d.issuer.key === crl.issuer.key);
        const code = hasDelta ? 'CRLInvalid' : verified.code;
        errors.push({ code, message: hasDelta ? `${verified.message} (complete CRL expired; its delta CRLs cannot be used)` : verified.message });
        continue;
      }
      let delta: ParsedCrl | undefined;
      if (crl.crlNumber !== undefined) {
        const candidates = deltas.filter((d) => d.issuer.key === crl.issuer.key && d.deltaBase! <= crl.crlNumber!
          && (d.crlNumber ?? 0n) > crl.crlNumber! && sameScope(crl, d));
        let deltaFailed = false;
        for (const d of candidates.sort((a, b) => Number((b.crlNumber ?? 0n) - (a.crlNumber ?? 0n)))) {
          const v = await verifyCrlSigner(d, issuer, ctx);
          if (v.ok) { delta = d; break; }
          errors.push({ code: v.code === 'RevocationStale' ? 'DeltaCRLStale' : v.code, message: `delta CRL: ${v.message}` });
          deltaFailed = true;
        }
        if (!delta && deltaFailed) continue;
      }
      anyApplied = true;
      const deltaEntry = delta ? entryFor(delta, cert) : undefined;
      const entry = deltaEntry ?? entryFor(crl, cert);
      if (entry && entry.reason !== REMOVE_FROM_CRL && entry.revocationDate <= ctx.time) {
        return { kind: 'revoked', revokedAt: entry.revocationDate, reason: CRL_REASON_CODES[entry.reason ?? 0] ?? 'unspecified' };
      }
      covered |= scope.reasons;
    }
  }
  if (covered === ALL_REASONS) return { kind: 'good' };
  if (anyApplied) errors.unshift({ code: 'CRLReasonsNotCovered', message: 'The available CRLs do not cover all revocation reasons' });
  return { kind: 'none', errors };
}
