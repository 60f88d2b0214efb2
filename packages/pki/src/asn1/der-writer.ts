/**
 * A minimal DER writer for structures assembled from already-encoded parts (certificates,
 * names, attributes): concatenating exact bytes avoids any re-encoding by asn1js, and SET OF
 * sorting is done here as DER requires (OpenSSL re-encodes signed attributes sorted).
 */
import * as asn1js from 'asn1js';
import { concatBytes, encodeDer, minimalPositiveInteger } from './bytes.js';

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n]);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return new Uint8Array([0x80 | out.length, ...out]);
}

export function tlv(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = concatBytes(...content);
  return concatBytes(new Uint8Array([tag]), lengthBytes(body.length), body);
}

export const der = {
  sequence: (...items: readonly Uint8Array[]) => tlv(0x30, ...items),
  /** SET OF with elements sorted by their encodings (X.690 §11.6). */
  setOf: (items: readonly Uint8Array[]) => tlv(0x31, ...[...items].sort(compareBytes)),
  octetString: (b: Uint8Array) => tlv(0x04, b),
  /** Positive INTEGER from a big-endian magnitude, minimally encoded. */
  integer: (magnitude: Uint8Array) => tlv(0x02, minimalPositiveInteger(magnitude)),
  small: (n: number) => encodeDer(new asn1js.Integer({ value: n })),
  oid: (oid: string) => encodeDer(new asn1js.ObjectIdentifier({ value: oid })),
  null: () => new Uint8Array([0x05, 0x00]),
  boolean: (b: boolean) => new Uint8Array([0x01, 0x01, b ? 0xff : 0x00]),
  generalizedTime: (d: Date) => encodeDer(new asn1js.GeneralizedTime({ valueDate: d })),
  /** [n] EXPLICIT */
  explicit: (n: number, ...content: readonly Uint8Array[]) => tlv(0xa0 | n, ...content),
  /** [n] IMPLICIT constructed, from the content octets */
  implicitConstructed: (n: number, ...content: readonly Uint8Array[]) => tlv(0xa0 | n, ...content),
  /** [n] IMPLICIT primitive */
  implicitPrimitive: (n: number, content: Uint8Array) => tlv(0x80 | n, content),
};

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** Content octets of a DER TLV (skips tag and length). */
export function contentOf(tlvBytes: Uint8Array): Uint8Array {
  const first = tlvBytes[1] as number;
  const headerLen = first < 0x80 ? 2 : 2 + (first & 0x7f);
  return tlvBytes.subarray(headerLen);
}
