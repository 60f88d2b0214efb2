/** Parsing of OCSP responses and their verification against the certificate's issuer (RFC 6960). */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { parseCertificate, type AlgorithmId, type ParsedCertificate } from './certificate.js';
import { bytesEqual, children, contentBytes, encoded, isContext, oidOf, parseDer, timeOf, toHex, type Block } from './der.js';
import { PathValidationError, type PathErrorClass } from './errors.js';
import { CRL_REASON_CODES, OID } from './extensions.js';
import { parseName, type DistinguishedName } from './names.js';
import { verifySignature } from './signature.js';
import type { AlgorithmPolicy } from './types.js';

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512', '2.16.840.1.101.3.4.2.4': 'sha224',
};

export interface SingleResponse {
  hashOid: string;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serialHex: string;
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  reason?: string;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface ParsedOcspResponse {
  der: Uint8Array;
  status: number;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
  responderName?: DistinguishedName;
  responderKeyHash?: Uint8Array;
  producedAt: Date;
  responses: SingleResponse[];
  certs: ParsedCertificate[];
  nonce?: Uint8Array;
}

function parseSingle(block: Block): SingleResponse {
  const [certId, certStatus, thisUpdate, ...rest] = children(block);
  const [hashAlg, nameHash, keyHash, serial] = children(certId!);
  const out: SingleResponse = {
    hashOid: oidOf(children(hashAlg!)[0]), issuerNameHash: contentBytes(nameHash!), issuerKeyHash: contentBytes(keyHash!),
    serialHex: toHex(contentBytes(serial!)), status: 'unknown', thisUpdate: timeOf(thisUpdate!),
  };
  if (isContext(certStatus, 0)) out.status = 'good';
  else if (isContext(certStatus, 1)) {
    out.status = 'revoked';
    const [time, reason] = children(certStatus!);
    out.revokedAt = timeOf(time!);
    const code = reason ? contentBytes(children(reason)[0]!)[0] : undefined;
    if (code !== undefined) out.reason = CRL_REASON_CODES[code] ?? `reason ${code}`;
  }
  for (const item of rest) if (isContext(item, 0)) out.nextUpdate = timeOf(children(item)[0]!);
  return out;
}

/** Parses a DER OCSPResponse; throws PathValidationError('OCSPInvalid') when malformed or not successful. */
export function parseOcspResponse(der: Uint8Array): ParsedOcspResponse {
  try {
    return parseUncached(der);
  } catch (e) {
    if (e instanceof PathValidationError && e.code === 'OCSPInvalid') throw e;
    throw new PathValidationError('OCSPInvalid', `malformed OCSP response: ${(e as Error).message}`);
  }
}

function parseUncached(der: Uint8Array): ParsedOcspResponse {
  const [statusBlock, bytesBlock] = children(parseDer(der, 'OCSPResponse'));
  const status = contentBytes(statusBlock!)[0] ?? 255;
  if (status !== 0 || !bytesBlock) throw new PathValidationError('OCSPInvalid', `OCSP response status is ${status}, not successful`);
  const [type, octets] = children(children(bytesBlock)[0]!);
  if (oidOf(type) !== '1.3.6.1.5.5.7.48.1.1') throw new PathValidationError('OCSPInvalid', 'OCSP response is not a basic response');
  const [tbsBlock, sigAlg, sigValue, certsBlock] = children(parseDer(contentBytes(octets!), 'BasicOCSPResponse'));
  const fields = children(tbsBlock!);
  let i = isContext(fields[0], 0) ? 1 : 0;
  const responderId = fields[i++]!;
  const producedAt = timeOf(fields[i++]!);
  const responses = children(fields[i++]!).map(parseSingle);
  const [algOid, algParams] = children(sigAlg!);
  const signatureAlgorithm: AlgorithmId = { oid: oidOf(algOid) };
  if (algParams && !(algParams instanceof asn1js.Null)) { signatureAlgorithm.params = algParams; signatureAlgorithm.paramsDer = encoded(algParams); }
  const out: ParsedOcspResponse = {
    der, status, tbs: encoded(tbsBlock!), signatureAlgorithm, signature: contentBytes(sigValue!).subarray(1),
    producedAt, responses, certs: [],
  };
  if (isContext(responderId, 1)) out.responderName = parseName(children(responderId)[0]!);
  else if (isContext(responderId, 2)) out.responderKeyHash = contentBytes(children(responderId)[0]!);
  const extWrapper = fields.slice(i).find((f) => isContext(f, 1));
  for (const ext of extWrapper ? children(children(extWrapper)[0]!) : []) {
    const parts = children(ext);
    if (oidOf(parts[0]) === OID.ocspNonce) out.nonce = contentBytes(parts[parts.length - 1]!);
  }
  if (certsBlock && isContext(certsBlock, 0)) {
    out.certs = children(children(certsBlock)[0]!).map((c) => parseCertificate(encoded(c)));
  }
  return out;
}

function hash(alg: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(alg).update(data).digest());
}

/** True when `single` is about `cert` issued by `issuer` (any supported CertID hash algorithm). */
export function certIdMatches(single: SingleResponse, cert: ParsedCertificate, issuer: ParsedCertificate): boolean {
  const alg = HASHES[single.hashOid];
  if (!alg || single.serialHex !== cert.serialHex) return false;
  return bytesEqual(single.issuerNameHash, hash(alg, cert.issuer.der))
    && bytesEqual(single.issuerKeyHash, hash(alg, issuer.publicKeyBits));
}

export function responderMatches(resp: ParsedOcspResponse, cert: ParsedCertificate): boolean {
  if (resp.responderName) return resp.responderName.key === cert.subject.key;
  if (resp.responderKeyHash) return bytesEqual(resp.responderKeyHash, hash('sha1', cert.publicKeyBits));
  return false;
}

export interface OcspCheckOptions {
  time: Date;
  /** Nonce sent in the request, when one was sent: the response must echo it. */
  nonce?: Uint8Array;
  /** Extra certificates where a delegated responder certificate may be found. */
  pool?: readonly Uint8Array[];
  algorithmPolicy?: AlgorithmPolicy;
}

export interface OcspCheck {
  valid: boolean;
  errorClass?: PathErrorClass;
  reasons: string[];
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  reason?: string;
  thisUpdate?: Date;
  nextUpdate?: Date;
  producedAt?: Date;
  responder?: 'issuer' | 'delegated';
}

/** True when the response comes from `issuer` itself or from a responder certificate it issued. */
export function respondsForIssuer(resp: ParsedOcspResponse, issuer: ParsedCertificate): boolean {
  return responderMatches(resp, issuer)
    || resp.certs.some((c) => c.issuer.key === issuer.subject.key && responderMatches(resp, c));
}

/** Which certificate signed the response, if it is authorised to (the CA itself or a delegated responder). */
function findResponder(resp: ParsedOcspResponse, issuer: ParsedCertificate, pool: readonly ParsedCertificate[]):
  { cert: ParsedCertificate; kind: 'issuer' | 'delegated' } | { error: string } {
  if (responderMatches(resp, issuer)) return { cert: issuer, kind: 'issuer' };
  const candidates = [...resp.certs, ...pool].filter((c) => responderMatches(resp, c));
  if (candidates.length === 0) return { error: 'Unable to verify OCSP response: the responder certificate was not found' };
  let lastError = '';
  for (const c of candidates) {
    if (c.issuer.key !== issuer.subject.key) { lastError = 'OCSP responder certificate is not issued by the certificate issuer'; continue; }
    if (!c.extKeyUsage?.includes(OID.kpOcspSigning)) { lastError = 'OCSP responder is not authorised (no id-kp-OCSPSigning)'; continue; }
    const sig = verifySignature(c.tbs, c.signature, c.signatureAlgorithm, issuer.effectiveSpki ?? issuer.spki);
    if (!sig.ok) { lastError = `Unable to verify the OCSP responder certificate signature (${sig.reason})`; continue; }
    // The responder certificate must be valid when it signed (producedAt), not at the validation time,
    // which may be long before the response was obtained.
    if (resp.producedAt < c.notBefore || resp.producedAt > c.notAfter) { lastError = 'OCSP responder certificate was not valid when the response was produced'; continue; }
    return { cert: c, kind: 'delegated' };
  }
  return { error: lastError };
}

/** Verifies a parsed response for `cert` issued by `issuer` at `time`. */
export function verifyParsedOcsp(
  resp: ParsedOcspResponse, cert: ParsedCertificate, issuer: ParsedCertificate,
  options: { time: Date; nonce?: Uint8Array; pool?: readonly ParsedCertificate[]; algorithmPolicy?: AlgorithmPolicy },
): OcspCheck {
  const bad = (errorClass: PathErrorClass, reason: string): OcspCheck => ({ valid: false, errorClass, reasons: [reason], status: 'unknown', producedAt: resp.producedAt });
  const single = resp.responses.find((r) => certIdMatches(r, cert, issuer));
  if (!single) return bad('OCSPInvalid', 'OCSP response does not cover the certificate (certID mismatch)');
  const responder = findResponder(resp, issuer, options.pool ?? []);
  if ('error' in responder) return bad('OCSPInvalid', responder.error);
  const sig = verifySignature(resp.tbs, resp.signature, resp.signatureAlgorithm, responder.cert.effectiveSpki ?? responder.cert.spki);
  if (!sig.ok) return bad('OCSPInvalid', `Unable to verify OCSP response signature (${sig.reason})`);
  const weak = options.algorithmPolicy?.(sig.algorithm, options.time);
  if (weak) return bad('CryptoConstraints', `OCSP response is signed with an unacceptable algorithm: ${weak}`);
  if (options.nonce && !(resp.nonce && bytesEqual(resp.nonce, options.nonce))) return bad('OCSPInvalid', 'OCSP response nonce does not match the request');
  if (single.nextUpdate && single.nextUpdate < options.time) return bad('RevocationStale', 'OCSP response is not recent enough');
  const out: OcspCheck = {
    valid: true, reasons: [], status: single.status, thisUpdate: single.thisUpdate, producedAt: resp.producedAt, responder: responder.kind,
  };
  if (single.nextUpdate) out.nextUpdate = single.nextUpdate;
  if (single.revokedAt) out.revokedAt = single.revokedAt;
  if (single.reason) out.reason = single.reason;
  return out;
}

/** Verifies a DER OCSPResponse about `cert` (DER) issued by `issuer` (DER) at `options.time`. */
export function checkOcspResponse(response: Uint8Array, cert: Uint8Array, issuer: Uint8Array, options: OcspCheckOptions): OcspCheck {
  try {
    const pool = (options.pool ?? []).map(parseCertificate);
    const opts = {
      time: options.time, pool,
      ...(options.nonce ? { nonce: options.nonce } : {}),
      ...(options.algorithmPolicy ? { algorithmPolicy: options.algorithmPolicy } : {}),
    };
    return verifyParsedOcsp(parseOcspResponse(response), parseCertificate(cert), parseCertificate(issuer), opts);
  } catch (e) {
    const err = e as PathValidationError;
    return { valid: false, errorClass: err.code ?? 'OCSPInvalid', reasons: [err.message], status: 'unknown' };
  }
}
