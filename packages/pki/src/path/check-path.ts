/** RFC 5280 §6.1 basic path validation of one given path (revocation excluded). */
import { SUPPORTED_CRITICAL, type ParsedCertificate } from './certificate.js';
import { PathValidationError, type PathErrorClass } from './errors.js';
import { NameConstraintState } from './name-constraints.js';
import { PolicyState } from './policy-tree.js';
import { OID } from '../asn1/oids.js';
import { verifySignature, withDsaParameters } from './signature.js';
import type { AlgorithmPolicy, PolicyOptions } from './types.js';

export interface CheckPathOptions {
  time: Date;
  policy?: PolicyOptions;
  requiredEku?: string[];
  algorithmPolicy?: AlgorithmPolicy;
  /** Skip the validity-period check (used when validity is judged elsewhere). */
  ignoreValidity?: boolean;
}

export type PathCheck =
  | { ok: true; validPolicies: string[] | null }
  | { ok: false; error: PathValidationError };

/** How messages refer to the certificate at `pos` (leaf first) in a path of `len` certificates. */
export function describePosition(pos: number, len: number): string {
  if (pos === 0) return 'the end-entity certificate';
  if (pos === len - 1) return 'the trust anchor';
  return `intermediate certificate ${len - 1 - pos}`;
}

function fail(code: PathErrorClass, pos: number, len: number, what: string): PathCheck {
  const message = what.startsWith(':') ? what.slice(2) : `${describePosition(pos, len)} ${what}`;
  return { ok: false, error: new PathValidationError(code, message, pos) };
}

const iso = (d: Date): string => d.toISOString().replace('.000Z', 'Z');

/** Validates `path` (leaf first, trust anchor last) at `options.time`. */
export function checkPath(path: readonly ParsedCertificate[], options: CheckPathOptions): PathCheck {
  const len = path.length;
  const n = len - 1;
  if (n === 0) return { ok: true, validPolicies: null };
  const anchor = path[n]!;
  const policy = new PolicyState(n, options.policy);
  const names = new NameConstraintState();
  let workingSpki = anchor.spki;
  let workingParams = anchor.publicKeyAlgorithm.oid === OID.dsa ? anchor.publicKeyAlgorithm.paramsDer : undefined;
  let workingNeedsParams = false;
  let workingIssuer = anchor.subject;
  let maxPathLength = n;

  for (let i = 1; i <= n; i++) {
    const pos = n - i;
    const cert = path[pos]!;
    const isLeaf = i === n;

    const spki = workingNeedsParams && workingParams ? withDsaParameters(workingSpki, workingParams) : workingSpki;
    const sig = verifySignature(cert.tbs, cert.signature, cert.signatureAlgorithm, spki);
    if (!sig.ok) {
      return sig.unsupported
        ? fail('UnsupportedAlgorithm', pos, len, `uses an unsupported signature: ${sig.reason}`)
        : fail('InvalidSignature', pos, len, `signature could not be verified (${sig.reason})`);
    }
    const algReason = options.algorithmPolicy?.(sig.algorithm, options.time);
    if (algReason) return fail('CryptoConstraints', pos, len, `is signed with an unacceptable algorithm: ${algReason}`);

    if (!options.ignoreValidity) {
      if (options.time < cert.notBefore) return fail('NotYetValid', pos, len, `is not valid until ${iso(cert.notBefore)}`);
      if (options.time > cert.notAfter) return fail('Expired', pos, len, `expired ${iso(cert.notAfter)}`);
    }
    if (cert.issuer.key !== workingIssuer.key) return fail('NameChaining', pos, len, 'issuer name could not be matched');

    if (!cert.selfIssued || isLeaf) {
      const violation = names.check(cert);
      if (violation === 'not-permitted') {
        return fail('NameConstraints', pos, len, 'has names not in the permitted namespace of the issuing authority');
      }
      if (violation === 'excluded') {
        return fail('NameConstraints', pos, len, 'has names excluded from the namespace of the issuing authority');
      }
    }

    const pol = policy.processCertificate(cert, i);
    if (!pol.ok) return fail('Policy', pos, len, `: there is no valid set of policies for ${describePosition(pos, len)}`);

    if (isLeaf) break;

    const prep = policy.prepareNext(cert, i);
    if (!prep.ok) return fail('PolicyMapping', pos, len, prep.reason ?? 'has an invalid policy mapping');
    workingIssuer = cert.subject;
    workingSpki = cert.spki;
    // DSA keys may inherit their domain parameters from the issuer (§6.1.4 (d)–(f)).
    if (cert.publicKeyAlgorithm.oid === OID.dsa) {
      workingNeedsParams = !cert.publicKeyAlgorithm.paramsDer;
      if (cert.publicKeyAlgorithm.paramsDer) workingParams = cert.publicKeyAlgorithm.paramsDer;
      else if (workingParams) cert.effectiveSpki = withDsaParameters(cert.spki, workingParams);
    } else {
      workingNeedsParams = false;
      workingParams = undefined;
    }
    names.update(cert);

    if (cert.version < 3 || !cert.basicConstraints?.ca) return fail('NotCA', pos, len, 'is not a CA');
    if (!cert.selfIssued) {
      if (maxPathLength <= 0) return fail('PathLength', pos, len, 'makes the path exceed the maximum path length');
      maxPathLength--;
    }
    const pl = cert.basicConstraints.pathLen;
    if (pl !== undefined && pl < maxPathLength) maxPathLength = pl;
    if (cert.keyUsage && !cert.keyUsage.has('keyCertSign')) {
      return fail('KeyUsage', pos, len, 'is not allowed to sign certificates (keyUsage lacks keyCertSign)');
    }
    const unknown = unknownCritical(cert);
    if (unknown) return fail('UnknownCriticalExtension', pos, len, `contains the following unsupported critical extension: ${unknown}`);
  }

  const leaf = path[0]!;
  const wrap = policy.wrapUp(leaf);
  if (!wrap.ok) return fail('Policy', 0, len, ': there is no valid set of policies for the end-entity certificate');
  const unknown = unknownCritical(leaf);
  if (unknown) return fail('UnknownCriticalExtension', 0, len, `contains the following unsupported critical extension: ${unknown}`);
  for (const eku of options.requiredEku ?? []) {
    if (leaf.extKeyUsage && !leaf.extKeyUsage.includes(eku)) {
      return fail('ExtKeyUsage', 0, len, `lacks the required extended key usage ${eku}`);
    }
    if (!leaf.extKeyUsage) return fail('ExtKeyUsage', 0, len, `has no extended key usage (required: ${eku})`);
  }
  return { ok: true, validPolicies: policy.validPolicies() };
}

function unknownCritical(cert: ParsedCertificate): string | null {
  return cert.extensions.find((e) => e.critical && !SUPPORTED_CRITICAL.has(e.oid))?.oid ?? null;
}

