/**
 * Reads back what Paraphe needs from an embedded CMS SignedData: the certificates it carries
 * (as their original DER) and the timestamp tokens in its unsigned attributes — enough to
 * gather validation data for a DSS.
 */
import { OID } from '@paraphe/pki';
import { rawBytes } from './asn1-util.js';
import { parseSignedData } from './parse-signed-data.js';

export interface SignedDataContents {
  readonly certificates: readonly Uint8Array[];
  /** Signature-time-stamp tokens found in the signer infos' unsigned attributes. */
  readonly timestampTokens: readonly Uint8Array[];
}

/**
 * `der` may carry trailing zero padding (a /Contents placeholder): only the first DER object is read.
 * Throws CmsError with the reason when it is not a SignedData.
 */
export function readSignedData(der: Uint8Array): SignedDataContents {
  const cms = parseSignedData(der);
  const timestampTokens = cms.signerInfos.flatMap(({ info }) =>
    (info.unsignedAttrs?.attributes ?? [])
      .filter((a) => a.type === OID.signatureTimeStampToken)
      .flatMap((a) => a.values.map(rawBytes)),
  );
  return { certificates: cms.certificates, timestampTokens };
}

/** Certificates of a CMS and of every timestamp token nested in it. */
export function allEmbeddedCertificates(der: Uint8Array): Uint8Array[] {
  const { certificates, timestampTokens } = readSignedData(der);
  return [...certificates, ...timestampTokens.flatMap((t) => allEmbeddedCertificates(t))];
}
