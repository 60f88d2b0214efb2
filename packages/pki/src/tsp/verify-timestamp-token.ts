/**
 * Checks a time-stamp token against what was asked (imprint, nonce) and verifies its
 * signature, signed attributes and TSA certificate usage. Trust in the TSA's chain is a
 * separate question answered by path validation.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, toBytes } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import type { ParsedCertificate } from '../cert/parse-certificate.js';
import { cachedCertificate } from './certificate-cache.js';
import { PkiError } from '../errors.js';
import { digest, hashFromOid, nodeHashName } from '../hash.js';
import { cmsSignatureAlgorithm, verifySignature } from '../signature-algorithm.js';
import type { HashAlgorithm } from '../signer.js';
import { parseTimestampToken, type ParsedTimestampToken } from './parse-timestamp-token.js';
import { integerMagnitude } from './timestamp-request.js';

export interface TimestampExpectation {
  readonly imprint: Uint8Array;
  readonly hash: HashAlgorithm;
  /** Nonce magnitude sent in the request. */
  readonly nonce?: Uint8Array;
  /** TSA certificate to use when the token does not embed it (request sent with certReq=false). */
  readonly tsaCertificate?: Uint8Array;
}

function attributeValue(si: pkijs.SignerInfo, oid: string): asn1js.AsnType | undefined {
  const attrs = si.signedAttrs?.attributes.filter((a) => a.type === oid) ?? [];
  if (attrs.length > 1) throw new PkiError('TSA_BAD_SIGNATURE', `signed attribute ${oid} appears more than once`);
  return attrs[0]?.values[0];
}

/** Checks that an ESS signing-certificate(-v2) attribute, when present, names `cert`. */
function checkEssBinding(si: pkijs.SignerInfo, cert: ParsedCertificate): void {
  const v2 = attributeValue(si, OID.signingCertificateV2);
  const v1 = attributeValue(si, OID.signingCertificate);
  const attr = v2 ?? v1;
  if (!attr) throw new PkiError('TSA_BAD_CERT', 'token lacks the ESS signing-certificate attribute that binds the TSA certificate');
  const certs = (attr as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const first = certs.valueBlock.value[0] as asn1js.Sequence;
  const parts = first.valueBlock.value;
  let hashName = 'sha1';
  let hashIdx = 0;
  if (v2) {
    hashName = 'sha256';
    if (parts[0] instanceof asn1js.Sequence) {
      hashName = nodeHashName(hashFromOid(new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId));
      hashIdx = 1;
    }
  }
  const certHash = toBytes((parts[hashIdx] as asn1js.OctetString).valueBlock.valueHexView);
  const actual = new Uint8Array(createHash(hashName).update(cert.der).digest());
  if (!bytesEqual(certHash, actual)) throw new PkiError('TSA_BAD_CERT', 'ESS signing-certificate does not match the TSA certificate');
}

export function verifyTimestampToken(tokenDer: Uint8Array, expect: TimestampExpectation): ParsedTimestampToken {
  const t = parseTimestampToken(tokenDer);
  if (t.hashAlg !== expect.hash || !bytesEqual(t.imprint, expect.imprint)) {
    throw new PkiError('TSA_IMPRINT_MISMATCH', 'the token time-stamps another message imprint than the one requested');
  }
  if (expect.nonce !== undefined) {
    if (!t.nonce || !bytesEqual(integerMagnitude(t.nonce), integerMagnitude(expect.nonce))) {
      throw new PkiError('TSA_NONCE_MISMATCH', 'the token nonce differs from the request nonce');
    }
  }
  const certDer = t.tsaCert ?? expect.tsaCertificate;
  if (!certDer) throw new PkiError('TSA_BAD_CERT', 'the token embeds no TSA certificate and none was supplied');
  if (t.tsaCert && expect.tsaCertificate && !bytesEqual(t.tsaCert, expect.tsaCertificate)) {
    throw new PkiError('TSA_BAD_CERT', 'the token is signed by another TSA certificate than the expected one');
  }
  const cert = cachedCertificate(certDer);
  if (!cert.extKeyUsage?.includes(OID.kpTimeStamping) || !cert.extKeyUsageCritical) {
    throw new PkiError('TSA_BAD_CERT', `TSA certificate ${cert.subject} lacks a critical timeStamping extended key usage`);
  }
  const si = t.signerInfo;
  const digestHash = hashFromOid(si.digestAlgorithm.algorithmId);
  const ct = attributeValue(si, OID.contentType);
  if (!(ct instanceof asn1js.ObjectIdentifier) || ct.valueBlock.toString() !== OID.tstInfo) {
    throw new PkiError('TSA_BAD_SIGNATURE', 'content-type signed attribute is missing or not id-ct-TSTInfo');
  }
  const md = attributeValue(si, OID.messageDigest);
  if (!(md instanceof asn1js.OctetString) || !bytesEqual(toBytes(md.valueBlock.valueHexView), digest(t.tstInfoDer, digestHash))) {
    throw new PkiError('TSA_BAD_SIGNATURE', 'message-digest signed attribute does not match the TSTInfo');
  }
  checkEssBinding(si, cert);
  const signedAttrs = si.signedAttrs ? new Uint8Array(si.signedAttrs.encodedValue) : undefined;
  if (!signedAttrs) throw new PkiError('TSA_BAD_SIGNATURE', 'token has no signed attributes');
  const alg = cmsSignatureAlgorithm(si.signatureAlgorithm, digestHash);
  // The cached certificate carries its imported key: no createPublicKey per token.
  const ok = verifySignature(cert.publicKey, alg, signedAttrs, toBytes(si.signature.valueBlock.valueHexView));
  if (!ok) throw new PkiError('TSA_BAD_SIGNATURE', 'the token signature does not verify with the TSA certificate');
  return t;
}
