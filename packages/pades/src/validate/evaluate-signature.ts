/**
 * Validates one CMS signature (adbe.pkcs7.detached, ETSI.CAdES.detached, adbe.pkcs7.sha1):
 * structure, message digest, signature value, signer binding, signature timestamp, crypto
 * constraints at the proof-of-existence time, trust, and changes made after it.
 */
import { bytesEqual } from '@paraphe/pki';
import { CmsError } from '../cms/cms-error.js';
import { digestChunks } from './cms/crypto-verify.js';
import { parseSignedData, type ParsedCms } from '../cms/parse-signed-data.js';
import { checkTimestampToken } from './cms/timestamp-token.js';
import { verifySigner, type SignerVerification } from './cms/verify-signer.js';
import type { ValidationContext } from './context.js';
import type { Evaluated } from './evaluated.js';
import { checkSignedPart } from './signed-part.js';
import { nameOf, textOf } from '../diff/cos.js';
import { pdfDateToIso } from './structure/pdf-view.js';
import type { FoundSignature } from './structure/find-signatures.js';
import { existenceTime } from './poe.js';
import { checkTrust } from './trust.js';
import { Verdict } from './verdict.js';

const DETACHED = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

function describeEncapsulated(content: Uint8Array): string {
  if (content.length === 0) return 'the CMS encapsulates empty content instead of signing the document bytes (detached signature expected)';
  const head = Buffer.from(content.subarray(0, 5)).toString('latin1');
  if (head === '%PDF-') return `the CMS encapsulates another PDF document (${content.length} bytes) instead of signing this one (detached signature expected)`;
  return `the /SubFilter requires a detached signature but the CMS encapsulates ${content.length} bytes of content`;
}

/**
 * A PDF signature has one signer. Some writers (podofosign) repeat the same SignerInfo; that is
 * tolerated when every copy verifies for the same certificate, anything else is a failure.
 */
const MAX_SIGNER_INFOS = 4;

function checkExtraSignerInfos(cms: ParsedCms, content: readonly Uint8Array[], extra: readonly Uint8Array[], signer: Uint8Array, v: Verdict): void {
  const n = cms.signerInfos.length;
  if (n > MAX_SIGNER_INFOS) {
    v.fail('FORMAT_FAILURE', `the CMS holds ${n} SignerInfos; a PDF signature must have exactly one signer`);
    return;
  }
  for (let i = 1; i < n; i++) {
    const other = verifySigner(cms, i, { content, extraCertificates: extra });
    if (other.status !== 'ok' || !other.signer || !bytesEqual(other.signer.der, signer)) {
      v.fail('FORMAT_FAILURE', `the CMS holds ${n} SignerInfos and SignerInfo #${i + 1} is not a valid copy by the same signer (${other.status}${other.reasons.length ? `: ${other.reasons.join('; ')}` : ''}); a PDF signature must have exactly one signer`);
      return;
    }
  }
  v.note(`the CMS holds ${n} SignerInfos; all are valid and by the same signer`);
}

export async function evaluateSignature(ctx: ValidationContext, sig: FoundSignature): Promise<Evaluated> {
  const v = new Verdict();
  const subFilter = nameOf(sig.dict.entries.get('SubFilter')) ?? null;
  if (sig.fieldNames.length > 1) v.note(`one signature value is referenced by ${sig.fieldNames.length} fields (${sig.fieldNames.join(', ')})`);
  const { range, mods } = checkSignedPart(ctx, sig, v);
  const claimed = pdfDateToIso(textOf(sig.dict.entries.get('M')));

  let intact = false;
  let cryptoValid = false;
  let trusted = false;
  let sv: SignerVerification | null = null;
  let timestampIso: string | null = null;
  let timestamped = false;
  let revocation = { status: 'unknown' as 'good' | 'revoked' | 'unknown', source: null as 'dss' | 'ocsp' | 'crl' | null };
  let chain: Uint8Array[] = [];
  let tsaChain: Uint8Array[] = [];

  const finish = (): Evaluated => ({
    report: {
      field: sig.fieldNames.join(', '),
      type: 'signature',
      indication: v.indication,
      subIndication: v.subIndication,
      intact, cryptoValid, trusted,
      coverage: range.coverage,
      modification: mods.modification,
      changes: mods.changes,
      signer: sv?.signer ? { subject: sv.signer.subject, issuer: sv.signer.issuer, serial: sv.signer.serialHex } : null,
      signingTime: { claimed: sv?.signingTime?.toISOString() ?? claimed, timestamp: timestampIso },
      revocation,
      reasons: v.reasons,
      subFilter,
      byteRange: range.byteRange,
    },
    revision: range.revision,
    baseline: subFilter === 'ETSI.CAdES.detached' && sv?.ess != null && sv.ess.mismatch === null,
    timestamped,
    chain,
    tsaChain,
    docTimestampValid: false,
  });

  if (!range.contents) return finish();
  let cms: ParsedCms;
  try {
    cms = parseSignedData(range.contents);
  } catch (e) {
    const code = e instanceof CmsError ? ` (${e.code})` : '';
    v.fail('FORMAT_FAILURE', `the signature value is not a usable CMS SignedData${code}: ${(e as Error).message}`);
    return finish();
  }

  let content: readonly Uint8Array[] = range.signed;
  if (subFilter && DETACHED.has(subFilter)) {
    if (cms.eContent !== null) {
      v.doubt('SIGNED_DATA_NOT_FOUND', describeEncapsulated(cms.eContent));
      return finish();
    }
  } else if (subFilter === 'adbe.pkcs7.sha1') {
    if (!cms.eContent) {
      v.fail('FORMAT_FAILURE', 'adbe.pkcs7.sha1 requires the SHA-1 digest of the signed bytes as encapsulated content, but there is none');
      return finish();
    }
    const expected = digestChunks({ name: 'sha1' }, range.signed);
    if (!bytesEqual(expected, cms.eContent)) {
      v.fail('HASH_FAILURE', 'the encapsulated SHA-1 digest does not match the signed bytes');
      return finish();
    }
    content = [cms.eContent];
  } else {
    v.fail('FORMAT_FAILURE', subFilter ? `unsupported /SubFilter ${subFilter}` : 'the signature dictionary has no /SubFilter');
    return finish();
  }

  sv = verifySigner(cms, 0, { content, extraCertificates: ctx.dss.certs });
  switch (sv.status) {
    case 'format': v.fail('FORMAT_FAILURE', sv.reasons.join('; ')); return finish();
    case 'hash': v.fail('HASH_FAILURE', sv.reasons.join('; ')); return finish();
    case 'signature': intact = true; v.fail('SIG_CRYPTO_FAILURE', sv.reasons.join('; ')); return finish();
    case 'no-certificate': intact = true; v.doubt('NO_SIGNING_CERTIFICATE_FOUND', sv.reasons.join('; ')); return finish();
    case 'ok': intact = true; cryptoValid = true; break;
  }
  if (sv.ess?.mismatch) v.doubt('NO_SIGNING_CERTIFICATE_FOUND', sv.ess.mismatch);
  const signer = sv.signer!;
  if (cms.signerInfos.length > 1) checkExtraSignerInfos(cms, content, ctx.dss.certs, signer.der, v);

  const pool = [...cms.certificates, ...ctx.dss.certs];
  const crls = [...cms.crls, ...sv.archivedCrls, ...ctx.dss.crls];
  const ocsps = [...cms.ocspResponses, ...sv.archivedOcsps, ...ctx.dss.ocsps];
  const dssRevocation = ctx.dss.crls.length + ctx.dss.ocsps.length > 0;
  const anchors = ctx.options.trustAnchors;

  // Signature timestamp: proof that the signature value existed at genTime.
  // Later document timestamps prove the signature (and its timestamp) existed at their time.
  const proven = existenceTime(ctx.at, ctx.proofs, range.revision);
  let poe = proven;
  const token = sv.timestampTokens[0];
  if (token) {
    const tc = checkTimestampToken(token, [sv.signatureValue], ctx.dss.certs);
    if (!tc.ok) v.note(`the signature timestamp is not valid: ${tc.reasons.join('; ')}`);
    else {
      timestamped = true;
      timestampIso = tc.genTime?.toISOString() ?? null;
      const tsa = tc.signer?.signer;
      if (tsa && tc.genTime && anchors.length > 0) {
        const tt = await checkTrust({ leaf: tsa.der, pool: [...(tc.cms?.certificates ?? []), ...pool], crls, ocsps, dssRevocation, time: proven, timestampAuthority: true }, anchors, ctx.options.fetchers, ctx.options.policy);
        if (tt.trusted) {
          tsaChain = tt.path;
          if (tc.genTime < poe) poe = tc.genTime;
        }
        else v.note(`the signature timestamp authority is not trusted: ${tt.reasons.join('; ')}`);
      }
    }
  }

  const constraint = [
    ...sv.constraintReasons,
    ...ctx.crypto.check({ digest: sv.digest?.name ?? null, signatureHash: sv.signatureHash, family: sv.family, keyBits: sv.keyBits }, poe),
    ...(subFilter === 'adbe.pkcs7.sha1' ? ctx.crypto.check({ digest: 'sha1', signatureHash: null, family: null, keyBits: 0 }, poe).map((r) => `adbe.pkcs7.sha1: ${r}`) : []),
  ];
  for (const r of constraint) v.doubt('CRYPTO_CONSTRAINTS_FAILURE', r);

  if (anchors.length === 0) {
    v.doubt('NO_CERTIFICATE_CHAIN_FOUND', 'no trust anchor was given, so the signer certificate cannot be trusted');
  } else {
    const t = await checkTrust({ leaf: signer.der, pool, crls, ocsps, dssRevocation, time: poe, timestampAuthority: false }, anchors, ctx.options.fetchers, ctx.options.policy);
    trusted = t.trusted;
    revocation = t.revocation;
    chain = t.path;
    if (t.indication === 'FAILED') v.fail(t.subIndication ?? 'CERTIFICATE_CHAIN_GENERAL_FAILURE', `signer certificate: ${t.reasons.join('; ')}`);
    else if (t.indication === 'INDETERMINATE') v.doubt(t.subIndication ?? 'NO_CERTIFICATE_CHAIN_FOUND', `signer certificate: ${t.reasons.join('; ')}`);
  }
  if (chain.length === 0) chain = [signer.der];
  return finish();
}
