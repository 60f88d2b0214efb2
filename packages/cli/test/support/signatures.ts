/**
 * Finds the signatures of a PDF the way an independent checker would — by scanning for
 * /ByteRange arrays and taking the hex string in each gap — without using Paraphe's reader,
 * and pulls out what openssl needs: the CMS, the signed bytes, the timestamp tokens.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4';
const ID_AA_SIGNATURE_TIMESTAMP = '1.2.840.113549.1.9.16.2.14';

export interface FoundSignature {
  byteRange: [number, number, number, number];
  /** The CMS ContentInfo, trimmed of the /Contents zero padding. */
  cms: Uint8Array;
  /** The bytes the ByteRange covers. */
  signedBytes: Uint8Array;
  /** True for a document timestamp (the CMS content is a TSTInfo). */
  isDocumentTimestamp: boolean;
  /** Signature time-stamp tokens in the unsigned attributes, with the signature value they cover. */
  signatureTimestamps: { token: Uint8Array; signatureValue: Uint8Array }[];
}

export function findSignatures(pdf: Uint8Array): FoundSignature[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const seen = new Set<string>();
  const found: FoundSignature[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const key = match.slice(1, 5).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
    const gap = text.slice(a + b, c);
    if (!/^<[0-9A-Fa-f]*>$/.test(gap)) throw new Error(`ByteRange [${key}] gap is not a hex string`);
    const cms = trimDer(Buffer.from(gap.slice(1, -1), 'hex'));
    const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    found.push({ byteRange: [a, b, c, d], cms, signedBytes, ...inspectCms(cms) });
  }
  return found;
}

/** The BER/DER value at the start of `bytes`, without the zero padding after it (NSS writes indefinite lengths). */
export function trimDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x30) throw new Error('CMS does not start with a SEQUENCE');
  const parsed = asn1js.fromBER(new Uint8Array(bytes));
  if (parsed.offset === -1) throw new Error(`CMS is not valid BER: ${parsed.result.error}`);
  return bytes.subarray(0, parsed.offset);
}

function inspectCms(cms: Uint8Array): Pick<FoundSignature, 'isDocumentTimestamp' | 'signatureTimestamps'> {
  const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(cms)).result });
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const isDocumentTimestamp = signedData.encapContentInfo.eContentType === ID_CT_TSTINFO;
  const signatureTimestamps = signedData.signerInfos.flatMap((info) =>
    (info.unsignedAttrs?.attributes ?? [])
      .filter((attr) => attr.type === ID_AA_SIGNATURE_TIMESTAMP)
      .flatMap((attr) => attr.values)
      .map((value) => ({
        token: new Uint8Array(value.toBER(false)),
        signatureValue: new Uint8Array(info.signature.valueBlock.valueHexView),
      })),
  );
  return { isDocumentTimestamp, signatureTimestamps };
}
