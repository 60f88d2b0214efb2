/**
 * Just enough reading of CRLs and OCSP responses to tell which certificates they cover and
 * which responder certificates they carry; full checking belongs to the validator.
 */
import * as asn1js from 'asn1js';
import { SignError } from '../sign/sign-error.js';

function parse(der: Uint8Array, what: string): asn1js.AsnType {
  const r = asn1js.fromBER(der);
  if (r.offset === -1) throw new SignError('SIGN_REVOCATION_UNAVAILABLE', `${what} is not DER: ${r.result.error}`);
  return r.result;
}

const children = (b: asn1js.AsnType | undefined): asn1js.AsnType[] =>
  b instanceof asn1js.Constructed ? b.valueBlock.value : [];

/** Issuer Name DER of a CRL (CertificateList.tbsCertList.issuer). */
export function crlIssuer(der: Uint8Array): Uint8Array {
  const tbs = children(parse(der, 'CRL'))[0];
  const fields = children(tbs);
  const at = fields[0] instanceof asn1js.Integer ? 1 : 0; // version is optional
  const issuer = fields[at + 1];
  if (!issuer) throw new SignError('SIGN_REVOCATION_UNAVAILABLE', 'CRL has no issuer');
  return issuer.valueBeforeDecodeView.slice();
}

export interface OcspSummary {
  /** DER contents of the serialNumber INTEGERs of every SingleResponse. */
  readonly serials: readonly string[];
  /** Certificates carried by the BasicOCSPResponse (delegated responder). */
  readonly certificates: readonly Uint8Array[];
}

/** Reads a complete OCSPResponse; refuses one whose status is not `successful`. */
export function summarizeOcsp(der: Uint8Array): OcspSummary {
  const [status, bytes] = children(parse(der, 'OCSP response'));
  if (!(status instanceof asn1js.Enumerated) || status.valueBlock.valueDec !== 0) {
    const code = status instanceof asn1js.Enumerated ? status.valueBlock.valueDec : 'unreadable';
    throw new SignError('SIGN_REVOCATION_UNAVAILABLE', `OCSP responder answered with status ${code}`);
  }
  const responseBytes = children(bytes)[0];
  const octets = children(responseBytes)[1];
  if (!(octets instanceof asn1js.OctetString)) throw new SignError('SIGN_REVOCATION_UNAVAILABLE', 'OCSP response has no body');
  const basic = children(parse(octets.valueBlock.valueHexView, 'BasicOCSPResponse'));
  const tbsFields = children(basic[0]);
  const responses = tbsFields.find((f) => f instanceof asn1js.Sequence);
  const serials = children(responses).map((single) => {
    const certId = children(children(single)[0]);
    const serial = certId[3];
    return serial ? Buffer.from(serial.valueBeforeDecodeView).toString('hex') : '';
  });
  const certsField = basic.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0);
  const certificates = children(children(certsField)[0]).map((c) => c.valueBeforeDecodeView.slice());
  return { serials, certificates };
}
