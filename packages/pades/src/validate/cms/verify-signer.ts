/**
 * Verifies one CMS SignerInfo against given content: signer identification, message digest,
 * signature value, ESS signing-certificate binding. Returns facts and every reason; never
 * throws on malformed input.
 */
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { childrenOf, octetsOf, tagOf } from '../../cms/asn1-util.js';
import { parseCertificate, type CertView } from './certificate.js';
import { digestChunks, keyBits, publicKeyOf, verifySignatureValue, type DigestSpec } from './crypto-verify.js';
import { checkEss, type EssCheck } from './ess.js';
import { bytesEqual, DIGEST_ALGORITHMS, OID, SIGNATURE_ALGORITHMS, type SignatureFamily, toHex } from '@paraphe/pki';
import type { ParsedCms } from '../../cms/parse-signed-data.js';

const MAX_CERTIFICATES = 500;

export type SignerStatus = 'ok' | 'format' | 'hash' | 'signature' | 'no-certificate';

export interface SignerVerification {
  readonly status: SignerStatus;
  readonly reasons: string[];
  /** Algorithm-combination problems (e.g. Ed448 without SHAKE256): crypto constraints. */
  readonly constraintReasons: string[];
  readonly signer: CertView | null;
  readonly digest: DigestSpec | null;
  readonly family: SignatureFamily | null;
  /** Hash used by the signature algorithm itself (for constraint checks). */
  readonly signatureHash: string | null;
  readonly keyBits: number;
  readonly signatureValue: Uint8Array;
  readonly signingTime: Date | null;
  readonly ess: EssCheck | null;
  readonly hasSignedAttributes: boolean;
  readonly timestampTokens: Uint8Array[];
  readonly archivedCrls: Uint8Array[];
  readonly archivedOcsps: Uint8Array[];
  /** All certificates available (embedded + extra), parsed. */
  readonly pool: CertView[];
}

/** Public keys of cached certificate views (createPublicKey is costly, certificates recur). */
const KEYS = new WeakMap<CertView, KeyObject>();
function keyOf(cert: CertView): KeyObject {
  let key = KEYS.get(cert);
  if (!key) {
    key = publicKeyOf(cert.spki);
    KEYS.set(cert, key);
  }
  return key;
}

function attr(attrs: pkijs.SignedAndUnsignedAttributes | undefined, oid: string): pkijs.Attribute[] {
  return attrs ? attrs.attributes.filter((a) => a.type === oid) : [];
}

function findSigner(sid: unknown, pool: CertView[]): CertView | null {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const serial = new Uint8Array(sid.serialNumber.valueBlock.valueHexView);
    return pool.find((c) => bytesEqual(new Uint8Array(c.cert.serialNumber.valueBlock.valueHexView), serial) && c.cert.issuer.isEqual(sid.issuer)) ?? null;
  }
  if (sid && typeof sid === 'object') {
    const block = sid as asn1js.AsnType;
    const inner = tagOf(block).constructed ? childrenOf(block)[0] : block;
    if (!inner) return null;
    const ski = octetsOf(inner);
    return pool.find((c) => c.ski !== null && bytesEqual(c.ski, ski)) ?? null;
  }
  return null;
}

function pssParams(alg: pkijs.AlgorithmIdentifier): { hash: string; salt: number } | string {
  try {
    const p = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
    const h = DIGEST_ALGORITHMS[p.hashAlgorithm.algorithmId];
    if (!h) return `RSA-PSS hash algorithm ${p.hashAlgorithm.algorithmId} is not supported`;
    return { hash: h.name, salt: p.saltLength };
  } catch (e) {
    return `RSA-PSS parameters cannot be decoded: ${(e as Error).message}`;
  }
}

function readArchival(value: asn1js.AsnType | undefined): { crls: Uint8Array[]; ocsps: Uint8Array[] } {
  const crls: Uint8Array[] = [];
  const ocsps: Uint8Array[] = [];
  for (const part of childrenOf(value)) {
    const t = tagOf(part);
    const items = childrenOf(childrenOf(part)[0]);
    for (const it of items) {
      const der = new Uint8Array((it as asn1js.BaseBlock).valueBeforeDecodeView);
      if (t.num === 0) crls.push(der);
      else if (t.num === 1) ocsps.push(der);
    }
  }
  return { crls, ocsps };
}

export interface VerifySignerOptions {
  /** The signed content as chunks (ByteRange for detached, eContent for encapsulated). */
  readonly content: readonly Uint8Array[];
  /** Certificates from outside the CMS (DSS) that may identify the signer. */
  readonly extraCertificates?: readonly Uint8Array[];
}

export function verifySigner(cms: ParsedCms, index: number, options: VerifySignerOptions): SignerVerification {
  const reasons: string[] = [];
  const constraintReasons: string[] = [];
  const parsedSigner = cms.signerInfos[index];
  const pool: CertView[] = [];
  const candidates = [...cms.certificates, ...(options.extraCertificates ?? [])];
  // A signature needs a handful of certificates; thousands are a resource attack.
  for (const der of candidates.slice(0, MAX_CERTIFICATES)) {
    const v = parseCertificate(der);
    if (v) pool.push(v);
  }
  if (candidates.length > MAX_CERTIFICATES) reasons.push(`only the first ${MAX_CERTIFICATES} of ${candidates.length} certificates were considered`);
  const base = {
    signer: null as CertView | null, digest: null as DigestSpec | null, family: null as SignatureFamily | null,
    signatureHash: null as string | null, keyBits: 0, signatureValue: new Uint8Array(0) as Uint8Array, signingTime: null as Date | null,
    ess: null as EssCheck | null, hasSignedAttributes: false, timestampTokens: [] as Uint8Array[],
    archivedCrls: [] as Uint8Array[], archivedOcsps: [] as Uint8Array[], pool,
  };
  if (!parsedSigner) return { ...base, status: 'format', reasons: ['no SignerInfo at this index'], constraintReasons };
  const si = parsedSigner.info;
  base.signatureValue = octetsOf(si.signature);
  base.hasSignedAttributes = parsedSigner.signedAttrsDer !== null;

  for (const t of attr(si.unsignedAttrs, OID.signatureTimeStampToken)) {
    for (const v of t.values) base.timestampTokens.push(new Uint8Array((v as asn1js.BaseBlock).valueBeforeDecodeView));
  }
  const st = attr(si.signedAttrs, OID.signingTime)[0]?.values[0];
  if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) base.signingTime = st.toDate();
  const arch = attr(si.signedAttrs, OID.adbeRevocationInfoArchival)[0]?.values[0];
  if (arch) {
    const a = readArchival(arch as asn1js.AsnType);
    base.archivedCrls = a.crls;
    base.archivedOcsps = a.ocsps;
  }

  const digestOid = si.digestAlgorithm.algorithmId;
  const digest = DIGEST_ALGORITHMS[digestOid];
  if (!digest) {
    const what = SIGNATURE_ALGORITHMS[digestOid] ? 'a signature algorithm identifier, not a digest algorithm' : 'not a supported digest algorithm';
    return { ...base, status: 'format', reasons: [`the SignerInfo digest algorithm ${digestOid} is ${what}`], constraintReasons };
  }
  base.digest = digest;

  const signer = findSigner(si.sid, pool);
  base.signer = signer;

  // Message digest and content type.
  const contentDigest = digestChunks(digest, options.content);
  let toVerify: readonly Uint8Array[] = options.content;
  if (parsedSigner.signedAttrsDer) {
    const md = attr(si.signedAttrs, OID.messageDigest);
    if (md.length !== 1 || md[0]!.values.length !== 1) {
      return { ...base, status: 'format', reasons: ['the signed attributes must contain exactly one message-digest'], constraintReasons };
    }
    const mdValue = octetsOf(md[0]!.values[0] as asn1js.AsnType);
    if (!bytesEqual(mdValue, contentDigest)) {
      return { ...base, status: 'hash', reasons: [`the message digest (${toHex(mdValue).slice(0, 16)}…) does not match the ${digest.name} of the signed bytes (${toHex(contentDigest).slice(0, 16)}…)`], constraintReasons };
    }
    const ct = attr(si.signedAttrs, OID.contentType)[0]?.values[0];
    if (ct instanceof asn1js.ObjectIdentifier && ct.valueBlock.toString() !== cms.eContentType) {
      return { ...base, status: 'format', reasons: [`the content-type attribute (${ct.valueBlock.toString()}) differs from the encapsulated content type (${cms.eContentType})`], constraintReasons };
    }
    toVerify = [parsedSigner.signedAttrsDer];
  }

  if (!signer) {
    return { ...base, status: 'no-certificate', reasons: [pool.length === 0 ? 'the signature embeds no certificate: the signer cannot be identified' : 'no embedded certificate matches the SignerInfo signer identifier'], constraintReasons };
  }

  // Signature algorithm.
  const sigOid = si.signatureAlgorithm.algorithmId;
  const sigAlg = SIGNATURE_ALGORITHMS[sigOid];
  if (!sigAlg) return { ...base, status: 'format', reasons: [`the signature algorithm ${sigOid} is not supported`], constraintReasons };
  base.family = sigAlg.family;
  let hash = sigAlg.hash ?? digest.name;
  let salt: number | undefined;
  if (sigAlg.family === 'rsa-pss') {
    const p = pssParams(si.signatureAlgorithm);
    if (typeof p === 'string') return { ...base, status: 'format', reasons: [p], constraintReasons };
    hash = p.hash;
    salt = p.salt;
  }
  if (sigAlg.family === 'ed448' && digest.name !== 'shake256') constraintReasons.push(`Ed448 must be used with SHAKE256 (RFC 8419), found ${digest.name}`);
  if (sigAlg.family === 'ed25519' && digest.name !== 'sha512' && digest.name !== 'sha256') constraintReasons.push(`Ed25519 with ${digest.name} is not allowed (RFC 8419)`);
  base.signatureHash = sigAlg.family === 'ed25519' ? 'sha512' : sigAlg.family === 'ed448' ? 'shake256' : hash;

  let key;
  try {
    key = keyOf(signer);
  } catch (e) {
    return { ...base, status: 'format', reasons: [`the signer public key cannot be used: ${(e as Error).message}`], constraintReasons };
  }
  base.keyBits = keyBits(key);
  const failure = verifySignatureValue({ family: sigAlg.family, hash, key, data: toVerify, signature: base.signatureValue, ...(salt !== undefined ? { pssSaltLength: salt } : {}) });
  if (failure) return { ...base, status: 'signature', reasons: [failure], constraintReasons };

  // ESS signing-certificate binding (checked once the signature itself holds).
  const v2 = attr(si.signedAttrs, OID.signingCertificateV2)[0]?.values[0];
  const v1 = attr(si.signedAttrs, OID.signingCertificate)[0]?.values[0];
  if (v2) base.ess = checkEss(v2 as asn1js.AsnType, 2, signer);
  else if (v1) base.ess = checkEss(v1 as asn1js.AsnType, 1, signer);
  if (base.ess?.mismatch) reasons.push(base.ess.mismatch);
  return { ...base, status: 'ok', reasons, constraintReasons };
}
