/**
 * ESS signing-certificate-v2 attribute (RFC 5035), which binds a CMS signature to the exact
 * signer certificate. pkijs has no class for it, so it is written as DER here.
 */
import { createHash } from 'node:crypto';
import { der } from '../asn1/der-writer.js';
import { OID } from '../asn1/oids.js';
import { encodeDer, fromHex } from '../asn1/bytes.js';
import { cachedCertificate } from './certificate-cache.js';
import { hashAlgorithmIdentifier } from '../signature-algorithm.js';
import { nodeHashName } from '../hash.js';
import type { HashAlgorithm } from '../signer.js';

/** DER of the ESSCertIDv2 for `certificate` (hashAlgorithm omitted when SHA-256, its DEFAULT). */
export function essCertIdV2(certificate: Uint8Array, hash: HashAlgorithm = 'SHA-256'): Uint8Array {
  const c = cachedCertificate(certificate);
  const certHash = new Uint8Array(createHash(nodeHashName(hash)).update(certificate).digest());
  const issuerSerial = der.sequence(der.sequence(der.explicit(4, c.issuerDer)), der.integer(fromHex(c.serialHex)));
  return der.sequence(
    ...(hash === 'SHA-256' ? [] : [encodeDer(hashAlgorithmIdentifier(hash).toSchema())]),
    der.octetString(certHash),
    issuerSerial,
  );
}

/** DER of the Attribute { id-aa-signingCertificateV2, { SigningCertificateV2 { certs } } }. */
export function signingCertificateV2Attribute(certificate: Uint8Array, hash: HashAlgorithm = 'SHA-256'): Uint8Array {
  return der.sequence(der.oid(OID.signingCertificateV2), der.setOf([der.sequence(der.sequence(essCertIdV2(certificate, hash)))]));
}
