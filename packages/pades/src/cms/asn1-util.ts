/** Small asn1js helpers that keep exact encodings and never throw on odd shapes. */
import { concatAll } from '@paraphe/pki';
import * as asn1js from 'asn1js';

export function rawBytes(block: asn1js.AsnType): Uint8Array {
  return new Uint8Array((block as asn1js.BaseBlock).valueBeforeDecodeView);
}

export function childrenOf(block: asn1js.AsnType | undefined): asn1js.AsnType[] {
  if (!block) return [];
  const vb = (block as asn1js.Constructed).valueBlock as { value?: asn1js.AsnType[] };
  return Array.isArray(vb.value) ? vb.value : [];
}

export function tagOf(block: asn1js.AsnType): { cls: number; num: number; constructed: boolean } {
  const id = (block as asn1js.BaseBlock).idBlock;
  return { cls: id.tagClass, num: id.tagNumber, constructed: id.isConstructed };
}

/** Content octets of a (possibly constructed, BER) OCTET STRING or of an IMPLICIT primitive. */
export function octetsOf(block: asn1js.AsnType): Uint8Array {
  const b = block as asn1js.BaseBlock & { valueBlock: { valueHexView?: Uint8Array } };
  if (b.idBlock.isConstructed) {
    return concatAll(childrenOf(block).map(octetsOf));
  }
  return b.valueBlock.valueHexView ? new Uint8Array(b.valueBlock.valueHexView) : new Uint8Array(0);
}

export function parseDer(bytes: Uint8Array): asn1js.AsnType | null {
  const r = asn1js.fromBER(bytes);
  return r.offset === -1 ? null : r.result;
}
