/** Small asn1js helpers that keep exact encodings and never throw on odd shapes. */
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
    // A loop, not concatBytes(...parts): a hostile BER value may have more chunks than a call has arguments.
    const parts = childrenOf(block).map(octetsOf);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }
  return b.valueBlock.valueHexView ? new Uint8Array(b.valueBlock.valueHexView) : new Uint8Array(0);
}

export function parseDer(bytes: Uint8Array): asn1js.AsnType | null {
  const r = asn1js.fromBER(bytes);
  return r.offset === -1 ? null : r.result;
}
