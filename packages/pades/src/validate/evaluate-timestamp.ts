/**
 * Validates one document timestamp (/SubFilter ETSI.RFC3161): the token's signature, its
 * imprint against the /ByteRange bytes, the TSA's trust (EKU timeStamping) and later changes.
 */
import { checkTimestampToken } from './cms/timestamp-token.js';
import type { ValidationContext } from './context.js';
import type { Evaluated } from './evaluated.js';
import { checkSignedPart } from './signed-part.js';
import type { FoundSignature } from './structure/find-signatures.js';
import { nameOf } from '../diff/cos.js';
import { existenceTime } from './poe.js';
import { checkTrust } from './trust.js';
import { Verdict } from './verdict.js';

export async function evaluateDocTimestamp(ctx: ValidationContext, sig: FoundSignature): Promise<Evaluated> {
  const v = new Verdict();
  const subFilter = nameOf(sig.dict.entries.get('SubFilter')) ?? null;
  const { range, mods } = checkSignedPart(ctx, sig, v);
  if (subFilter !== 'ETSI.RFC3161') v.fail('FORMAT_FAILURE', `a document timestamp must use /SubFilter ETSI.RFC3161 (found ${subFilter ?? 'none'})`);
  let intact = false;
  let cryptoValid = false;
  let trusted = false;
  let genTime: string | null = null;
  let signer = null as null | { subject: string; issuer: string; serial: string };
  let revocation = { status: 'unknown' as 'good' | 'revoked' | 'unknown', source: null as 'dss' | 'ocsp' | 'crl' | null };
  const proven = existenceTime(ctx.at, ctx.proofs, range.revision);
  let tsaChain: Uint8Array[] = [];
  if (range.contents) {
    const tc = checkTimestampToken(range.contents, range.signed, ctx.dss.certs);
    intact = tc.imprintMatches;
    genTime = tc.genTime?.toISOString() ?? null;
    const s = tc.signer;
    if (s?.signer) signer = { subject: s.signer.subject, issuer: s.signer.issuer, serial: s.signer.serialHex };
    if (!tc.cms || !s) v.fail('FORMAT_FAILURE', tc.reasons.join('; '));
    else if (!tc.imprintMatches) v.fail('HASH_FAILURE', tc.reasons.join('; '));
    else if (s.status === 'hash') v.fail('HASH_FAILURE', tc.reasons.join('; '));
    else if (s.status === 'format') v.fail('FORMAT_FAILURE', tc.reasons.join('; '));
    else if (s.status === 'signature') v.fail('SIG_CRYPTO_FAILURE', tc.reasons.join('; '));
    else if (s.status === 'no-certificate') v.doubt('NO_SIGNING_CERTIFICATE_FOUND', tc.reasons.join('; '));
    else {
      cryptoValid = true;
      for (const r of s.constraintReasons) v.doubt('CRYPTO_CONSTRAINTS_FAILURE', r);
      for (const r of ctx.crypto.check({ digest: tc.imprintHash, signatureHash: s.signatureHash, family: s.family, keyBits: s.keyBits }, proven)) v.doubt('CRYPTO_CONSTRAINTS_FAILURE', r);
      if (s.ess?.mismatch) v.doubt('NO_SIGNING_CERTIFICATE_FOUND', s.ess.mismatch);
      const anchors = ctx.options.trustAnchors;
      if (anchors.length === 0) v.doubt('NO_CERTIFICATE_CHAIN_FOUND', 'no trust anchor was given, so the timestamp authority cannot be trusted');
      else if (s.signer) {
        const t = await checkTrust({
          leaf: s.signer.der,
          pool: [...tc.cms.certificates, ...ctx.dss.certs],
          crls: [...tc.cms.crls, ...ctx.dss.crls],
          ocsps: [...tc.cms.ocspResponses, ...ctx.dss.ocsps],
          dssRevocation: ctx.dss.crls.length + ctx.dss.ocsps.length > 0,
          time: proven,
          timestampAuthority: true,
        }, anchors, ctx.options.fetchers, ctx.options.policy);
        trusted = t.trusted;
        revocation = t.revocation;
        tsaChain = t.path;
        if (trusted && tc.genTime && range.revision !== null && v.indication === 'TOTAL_PASSED') ctx.proofs.push({ revision: range.revision, time: tc.genTime });
        if (t.indication === 'FAILED') v.fail(t.subIndication ?? 'CERTIFICATE_CHAIN_GENERAL_FAILURE', `timestamp authority certificate: ${t.reasons.join('; ')}`);
        else if (t.indication === 'INDETERMINATE') v.doubt(t.subIndication ?? 'NO_CERTIFICATE_CHAIN_FOUND', `timestamp authority certificate: ${t.reasons.join('; ')}`);
      }
    }
  }
  return {
    report: {
      field: sig.fieldNames.join(', '),
      type: 'doc-timestamp',
      indication: v.indication,
      subIndication: v.subIndication,
      intact, cryptoValid, trusted,
      coverage: range.coverage,
      modification: mods.modification,
      changes: mods.changes,
      signer,
      signingTime: { claimed: null, timestamp: genTime },
      revocation,
      reasons: v.reasons,
      subFilter,
      byteRange: range.byteRange,
    },
    revision: range.revision,
    baseline: false,
    timestamped: false,
    chain: tsaChain,
    tsaChain: [],
    docTimestampValid: cryptoValid && intact,
  };
}
