/** Just enough reading of a CRL to tell whose certificates it covers; full checking belongs to the validator. */
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
