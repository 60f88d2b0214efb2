/** DER OCSP requests (RFC 6960 §4.1) for fetching a certificate's status online. */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { ParsedCertificate } from './certificate.js';

/** A single-certificate request with a SHA-1 CertID (the hash every responder supports); no nonce. */
export function buildOcspRequest(cert: ParsedCertificate, issuer: ParsedCertificate): Uint8Array {
  const sha1 = (d: Uint8Array): ArrayBuffer => new Uint8Array(createHash('sha1').update(d).digest()).buffer;
  const certId = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.3.14.3.2.26' }), new asn1js.Null()] }),
      new asn1js.OctetString({ valueHex: sha1(cert.issuer.der) }),
      new asn1js.OctetString({ valueHex: sha1(issuer.publicKeyBits) }),
      new asn1js.Integer({ valueHex: new Uint8Array(cert.serial).buffer }),
    ],
  });
  const request = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] })] })],
  });
  return new Uint8Array(request.toBER());
}
