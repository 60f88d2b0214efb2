/**
 * Reads back what Paraphe needs from an embedded CMS SignedData: the certificates it carries
 * (as their original DER), its signature values and the timestamp tokens in its unsigned
 * attributes — enough to gather validation data for a DSS.
 */
import * as asn1js from 'asn1js';
import { CmsError } from './cms-error.js';
import { OID } from '@paraphe/pki';

export interface SignedDataContents {
  readonly certificates: readonly Uint8Array[];
  /** Signature-time-stamp tokens found in the signer infos' unsigned attributes. */
  readonly timestampTokens: readonly Uint8Array[];
}

const isContext = (b: asn1js.AsnType | undefined, n: number): boolean =>
  b !== undefined && b.idBlock.tagClass === 3 && b.idBlock.tagNumber === n;

/**
 * `der` may carry trailing zero padding (a /Contents placeholder): only the first DER object is read.
 */
export function readSignedData(der: Uint8Array): SignedDataContents {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new CmsError('CMS_BAD_TOKEN', `not a DER object: ${parsed.result.error}`);
  const ci = parsed.result;
  if (!(ci instanceof asn1js.Sequence)) throw new CmsError('CMS_BAD_TOKEN', 'ContentInfo is not a SEQUENCE');
  const [type, wrapped] = ci.valueBlock.value;
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== OID.signedData) {
    throw new CmsError('CMS_BAD_TOKEN', 'ContentInfo is not SignedData');
  }
  const sd = wrapped instanceof asn1js.Constructed ? wrapped.valueBlock.value[0] : undefined;
  if (!(sd instanceof asn1js.Sequence)) throw new CmsError('CMS_BAD_TOKEN', 'SignedData is missing');
  const items = sd.valueBlock.value;
  const certificates: Uint8Array[] = [];
  const certSet = items.find((b) => isContext(b, 0));
  if (certSet instanceof asn1js.Constructed) {
    for (const c of certSet.valueBlock.value) {
      // Only plain certificates (SEQUENCE); attribute/other certificate choices are tagged.
      if (c instanceof asn1js.Sequence) certificates.push(c.valueBeforeDecodeView.slice());
    }
  }
  const timestampTokens: Uint8Array[] = [];
  const signerInfos = items[items.length - 1];
  if (signerInfos instanceof asn1js.Set) {
    for (const si of signerInfos.valueBlock.value) {
      if (!(si instanceof asn1js.Sequence)) continue;
      const unsigned = si.valueBlock.value.find((b) => isContext(b, 1));
      if (!(unsigned instanceof asn1js.Constructed)) continue;
      for (const attr of unsigned.valueBlock.value) {
        if (!(attr instanceof asn1js.Sequence)) continue;
        const [oid, values] = attr.valueBlock.value;
        if (!(oid instanceof asn1js.ObjectIdentifier) || oid.valueBlock.toString() !== OID.signatureTimeStampToken) continue;
        if (!(values instanceof asn1js.Set)) continue;
        for (const v of values.valueBlock.value) timestampTokens.push(v.valueBeforeDecodeView.slice());
      }
    }
  }
  return { certificates, timestampTokens };
}

/** Certificates of a CMS and of every timestamp token nested in it. */
export function allEmbeddedCertificates(der: Uint8Array): Uint8Array[] {
  const { certificates, timestampTokens } = readSignedData(der);
  return [...certificates, ...timestampTokens.flatMap((t) => allEmbeddedCertificates(t))];
}
