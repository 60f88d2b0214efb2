/**
 * Independent look at signed output, by byte scanning rather than through the code under test:
 * every /ByteRange, the /Contents it leaves out, and the DER inside it.
 */
import * as asn1js from 'asn1js';

export interface FoundSignature {
  readonly byteRange: [number, number, number, number];
  /** DER of the CMS (padding stripped). */
  readonly der: Uint8Array;
  /** The full /Contents value, padding included. */
  readonly contentsValue: Uint8Array;
  /** Bytes covered by the ByteRange. */
  readonly signedBytes: Uint8Array;
}

export function findSignatures(pdf: Uint8Array): FoundSignature[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: FoundSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const hex = text.slice(br[1] + 1, br[2] - 1);
    const contentsValue = new Uint8Array(Buffer.from(hex, 'hex'));
    const signedBytes = new Uint8Array(Buffer.concat([pdf.subarray(br[0], br[0] + br[1]), pdf.subarray(br[2], br[2] + br[3])]));
    out.push({ byteRange: br, der: stripPadding(contentsValue), contentsValue, signedBytes });
  }
  return out;
}

function stripPadding(value: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(value);
  if (parsed.offset === -1) throw new Error('Contents is not DER');
  return value.slice(0, parsed.offset);
}

/** signature value (OCTET STRING) and unsigned timestamp token of the first SignerInfo. */
export function signerInfoParts(der: Uint8Array): { signatureValue: Uint8Array; token: Uint8Array | undefined } {
  const kids = (b: asn1js.AsnType | undefined) => (b instanceof asn1js.Constructed ? b.valueBlock.value : []);
  const sd = kids(kids(asn1js.fromBER(der).result)[1])[0];
  const items = kids(sd);
  const si = kids(items[items.length - 1])[0];
  const fields = kids(si);
  const sig = fields.find((f) => f instanceof asn1js.OctetString) as asn1js.OctetString;
  const unsigned = fields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 1);
  const tokenBlock = kids(kids(kids(unsigned)[0])[1])[0];
  return { signatureValue: sig.valueBlock.valueHexView.slice(), token: tokenBlock?.valueBeforeDecodeView.slice() };
}
