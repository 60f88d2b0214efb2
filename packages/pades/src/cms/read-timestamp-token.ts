/**
 * Reads the TSTInfo of an RFC 3161 TimeStampToken: enough to check that a TSA answered for the
 * imprint that was sent, and to know when it says it stamped.
 */
import * as asn1js from 'asn1js';
import { CmsError } from './cms-error.js';
import { OID } from '@paraphe/pki';

export interface TimestampInfo {
  readonly imprintAlgorithm: string;
  readonly imprint: Uint8Array;
  readonly genTime: Date;
}

const kids = (b: asn1js.AsnType | undefined): asn1js.AsnType[] => (b instanceof asn1js.Constructed ? b.valueBlock.value : []);

export function readTimestampToken(token: Uint8Array): TimestampInfo {
  const parsed = asn1js.fromBER(token);
  if (parsed.offset === -1) throw new CmsError('CMS_BAD_TOKEN', 'timestamp token is not DER');
  const signedData = kids(kids(parsed.result)[1])[0];
  const encap = kids(signedData).find((b, i) => i > 0 && b instanceof asn1js.Sequence && kids(b)[0] instanceof asn1js.ObjectIdentifier);
  const [type, wrapped] = kids(encap);
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== OID.tstInfo) {
    throw new CmsError('CMS_BAD_TOKEN', 'timestamp token does not encapsulate a TSTInfo');
  }
  const octets = kids(wrapped)[0];
  // eContent may be a constructed OCTET STRING in BER; the primitive form is what TSAs send.
  if (!(octets instanceof asn1js.OctetString)) throw new CmsError('CMS_BAD_TOKEN', 'TSTInfo content is missing');
  const tst = asn1js.fromBER(octets.valueBlock.valueHexView);
  const fields = kids(tst.result);
  const imprint = kids(fields[2]);
  const alg = kids(imprint[0])[0];
  const hashed = imprint[1];
  const genTime = fields[4];
  if (!(alg instanceof asn1js.ObjectIdentifier) || !(hashed instanceof asn1js.OctetString) || !(genTime instanceof asn1js.GeneralizedTime)) {
    throw new CmsError('CMS_BAD_TOKEN', 'TSTInfo is malformed');
  }
  return {
    imprintAlgorithm: alg.valueBlock.toString(),
    imprint: hashed.valueBlock.valueHexView.slice(),
    genTime: genTime.toDate(),
  };
}
