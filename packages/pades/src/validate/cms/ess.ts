/**
 * ESS signing-certificate (RFC 2634) and signing-certificate-v2 (RFC 5035) checks: the
 * attribute binds the signature to one certificate, so a signer cannot be substituted.
 */
import * as asn1js from 'asn1js';
import { childrenOf, octetsOf, tagOf } from '../../cms/asn1-util.js';
import { digestChunks } from './crypto-verify.js';
import { bytesEqual, DIGEST_ALGORITHMS } from '@paraphe/pki';
import type { CertView } from './certificate.js';

export interface EssCheck {
  readonly version: 1 | 2;
  /** null when the first ESSCertID matches the certificate, else the reason. */
  readonly mismatch: string | null;
}

/** `value` is the attribute value (SigningCertificate / SigningCertificateV2 SEQUENCE). */
export function checkEss(value: asn1js.AsnType, version: 1 | 2, cert: CertView): EssCheck {
  const certs = childrenOf(childrenOf(value)[0]);
  const first = certs[0];
  if (!first) return { version, mismatch: 'the signing-certificate attribute lists no certificate' };
  const parts = childrenOf(first);
  let idx = 0;
  let hash = { name: 'sha1' } as { name: string; outputLength?: number };
  if (version === 2 && parts[0] && tagOf(parts[0]).num === 16 && tagOf(parts[0]).cls === 1) {
    const oidBlock = childrenOf(parts[0])[0];
    const oid = oidBlock instanceof asn1js.ObjectIdentifier ? oidBlock.valueBlock.toString() : '';
    const spec = DIGEST_ALGORITHMS[oid];
    if (!spec) return { version, mismatch: `the signing-certificate-v2 hash algorithm ${oid} is not supported` };
    hash = spec;
    idx = 1;
  } else if (version === 2) {
    hash = { name: 'sha256' };
  }
  const certHash = parts[idx];
  if (!certHash) return { version, mismatch: 'the signing-certificate attribute has no certificate hash' };
  const expected = octetsOf(certHash);
  const actual = digestChunks(hash, [cert.der]);
  if (!bytesEqual(expected, actual)) {
    return { version, mismatch: `the signing-certificate${version === 2 ? '-v2' : ''} attribute does not match the signer certificate (${hash.name} hash differs)` };
  }
  const issuerSerial = parts[idx + 1];
  if (issuerSerial) {
    const serial = childrenOf(issuerSerial)[1];
    if (serial instanceof asn1js.Integer) {
      const a = new Uint8Array(serial.valueBlock.valueHexView);
      const b = new Uint8Array(cert.cert.serialNumber.valueBlock.valueHexView);
      if (!bytesEqual(a, b)) return { version, mismatch: 'the signing-certificate attribute names another serial number than the signer certificate' };
    }
  }
  return { version, mismatch: null };
}
