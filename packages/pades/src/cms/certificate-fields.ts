/**
 * Reads the few certificate fields CMS needs (issuer, serial, subject) as their original DER
 * bytes, so that issuerAndSerialNumber and ESS issuerSerial match the certificate exactly.
 */
import * as asn1js from 'asn1js';
import { CmsError } from './cms-error.js';

export interface CertificateFields {
  /** Full DER of the certificate. */
  readonly der: Uint8Array;
  /** Issuer Name TLV. */
  readonly issuer: Uint8Array;
  /** Subject Name TLV. */
  readonly subject: Uint8Array;
  /** serialNumber INTEGER TLV. */
  readonly serial: Uint8Array;
}

export function readCertificateFields(der: Uint8Array): CertificateFields {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new CmsError('CMS_BAD_CERTIFICATE', 'certificate is not a DER SEQUENCE');
  }
  const tbs = parsed.result.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) throw new CmsError('CMS_BAD_CERTIFICATE', 'certificate has no TBSCertificate');
  const fields = tbs.valueBlock.value;
  // version [0] EXPLICIT is optional (absent for v1 certificates).
  const first = fields[0];
  const hasVersion = first !== undefined && first.idBlock.tagClass === 3 && first.idBlock.tagNumber === 0;
  const at = hasVersion ? 1 : 0;
  const serial = fields[at];
  const issuer = fields[at + 2];
  const subject = fields[at + 4];
  if (!serial || !issuer || !subject) throw new CmsError('CMS_BAD_CERTIFICATE', 'TBSCertificate is truncated');
  return {
    der,
    serial: serial.valueBeforeDecodeView.slice(),
    issuer: issuer.valueBeforeDecodeView.slice(),
    subject: subject.valueBeforeDecodeView.slice(),
  };
}
