/**
 * ESS signing-certificate-v2 attribute (RFC 5035), which binds the signer's certificate to the
 * signature; PAdES baseline requires it. pkijs has no class for it, so it is encoded here.
 */
import { createHash } from 'node:crypto';
import { type HashAlgorithm, OID } from '@paraphe/pki';
import { NODE_HASH, digestAlgorithmId } from './algorithms.js';
import { explicit, octetString, sequence, objectIdentifier, tlv } from './der.js';
import type { CertificateFields } from './certificate-fields.js';

/** Value of the attribute: SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }. */
export function signingCertificateV2Value(cert: CertificateFields, hash: HashAlgorithm): Uint8Array {
  const certHash = createHash(NODE_HASH[hash]).update(cert.der).digest();
  // GeneralNames ::= SEQUENCE OF GeneralName; directoryName is [4] EXPLICIT Name (Name is a CHOICE).
  const issuerSerial = sequence(sequence(explicit(4, cert.issuer)), cert.serial);
  const essCertId =
    hash === 'SHA-256'
      ? sequence(octetString(certHash), issuerSerial) // hashAlgorithm DEFAULT sha256 must be omitted in DER
      : sequence(digestAlgorithmId(hash), octetString(certHash), issuerSerial);
  return sequence(sequence(essCertId));
}

/** Attribute ::= SEQUENCE { attrType OID, attrValues SET OF value } (single value). */
export function attribute(oid: string, value: Uint8Array): Uint8Array {
  return sequence(objectIdentifier(oid), tlv(0x31, value));
}

export function signingCertificateV2Attribute(cert: CertificateFields, hash: HashAlgorithm): Uint8Array {
  return attribute(OID.signingCertificateV2, signingCertificateV2Value(cert, hash));
}
