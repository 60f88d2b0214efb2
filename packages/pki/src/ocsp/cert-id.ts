/** OCSP CertID (RFC 6960 §4.1.1): how a request and a response name one certificate. */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { der } from '../asn1/der-writer.js';
import { bytesEqual, encodeDer, fromHex, integerHex, toBytes } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { cachedCertificate } from '../tsp/certificate-cache.js';
import { PkiError } from '../errors.js';
import { hashOid } from '../hash.js';
import type { HashAlgorithm } from '../signer.js';

/** SHA-1 remains the interoperable default for CertIDs (OpenSSL, most responders). */
export type CertIdHash = 'SHA-1' | HashAlgorithm;

export interface OcspCertId {
  readonly hash: CertIdHash;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  readonly serialHex: string;
  /** DER of the CertID as received or built (echoed verbatim in responses). */
  readonly der: Uint8Array;
}

const NODE: Record<CertIdHash, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

export function certIdHashOid(h: CertIdHash): string {
  return h === 'SHA-1' ? OID.sha1 : hashOid(h);
}

function certIdHashFromOid(oid: string): CertIdHash {
  const found = (Object.keys(NODE) as CertIdHash[]).find((h) => certIdHashOid(h) === oid);
  if (!found) throw new PkiError('OCSP_INVALID', `unsupported CertID hash algorithm ${oid}`);
  return found;
}

function h(alg: CertIdHash, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(NODE[alg]).update(data).digest());
}

/** CertID of `certificate` issued by `issuer`. */
export function createCertId(certificate: Uint8Array, issuer: Uint8Array, hash: CertIdHash = 'SHA-1'): OcspCertId {
  const c = cachedCertificate(certificate);
  const i = cachedCertificate(issuer);
  const issuerNameHash = h(hash, c.issuerDer);
  const issuerKeyHash = h(hash, i.publicKeyBits);
  const algDer = der.sequence(der.oid(certIdHashOid(hash)), der.null());
  const d = der.sequence(algDer, der.octetString(issuerNameHash), der.octetString(issuerKeyHash), der.integer(fromHex(c.serialHex)));
  return Object.freeze({ hash, issuerNameHash, issuerKeyHash, serialHex: c.serialHex, der: d });
}

export function certIdFromPkijs(id: pkijs.CertID): OcspCertId {
  return Object.freeze({
    hash: certIdHashFromOid(id.hashAlgorithm.algorithmId),
    issuerNameHash: toBytes(id.issuerNameHash.valueBlock.valueHexView),
    issuerKeyHash: toBytes(id.issuerKeyHash.valueBlock.valueHexView),
    serialHex: integerHex(id.serialNumber),
    der: encodeDer(id.toSchema()),
  });
}

export function certIdFromSchema(schema: asn1js.AsnType): OcspCertId {
  const id = new pkijs.CertID({ schema });
  const view = certIdFromPkijs(id);
  return Object.freeze({ ...view, der: encodeDer(schema) });
}

/** Whether `id` names `certificate` as issued by `issuer` (whatever hash the CertID uses). */
export function certIdMatches(id: OcspCertId, certificate: Uint8Array, issuer: Uint8Array): boolean {
  const mine = createCertId(certificate, issuer, id.hash);
  return (
    mine.serialHex === id.serialHex && bytesEqual(mine.issuerNameHash, id.issuerNameHash) && bytesEqual(mine.issuerKeyHash, id.issuerKeyHash)
  );
}
