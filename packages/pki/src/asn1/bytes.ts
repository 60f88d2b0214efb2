/**
 * Byte helpers shared by the ASN.1 code: pkijs/asn1js speak ArrayBuffer, the public API
 * speaks Uint8Array, and DER INTEGERs must be minimal (asn1js does not minimise them).
 */
import * as asn1js from 'asn1js';
import { PkiError, type PkiErrorCode } from '../errors.js';

/** A standalone ArrayBuffer holding exactly the bytes of `u` (pkijs wants ArrayBuffer). */
export function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(u.byteLength);
  new Uint8Array(out).set(u);
  return out;
}

export function toBytes(b: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (b instanceof ArrayBuffer) return new Uint8Array(b.slice(0));
  return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
}

export function toHex(u: Uint8Array | ArrayBuffer): string {
  return Buffer.from(u instanceof ArrayBuffer ? new Uint8Array(u) : u).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  return new Uint8Array(Buffer.from(clean.length % 2 ? `0${clean}` : clean, 'hex'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  return concatAll(parts);
}

/** concatBytes over an array: no spread, so any number of parts (e.g. a hostile file's chunks). */
export function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Content octets of a positive DER INTEGER for the unsigned big-endian magnitude `magnitude`:
 * leading zero bytes stripped, one 0x00 prepended when the top bit is set. A non-minimal
 * encoding (e.g. a random nonce starting with 0x00) is rejected by strict readers like `openssl ts`.
 */
export function minimalPositiveInteger(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const trimmed = magnitude.subarray(i);
  if (trimmed.length === 0) return new Uint8Array([0]);
  if ((trimmed[0] as number) & 0x80) return concatBytes(new Uint8Array([0]), trimmed);
  return new Uint8Array(trimmed);
}

/** An asn1js Integer holding the minimal positive encoding of `magnitude`. */
export function positiveInteger(magnitude: Uint8Array): asn1js.Integer {
  return new asn1js.Integer({ valueHex: toArrayBuffer(minimalPositiveInteger(magnitude)) });
}

/** Hex of an INTEGER's magnitude without the sign-padding zero byte (serials, nonces). */
export function integerHex(i: asn1js.Integer): string {
  const v = new Uint8Array(i.valueBlock.valueHexView);
  let s = 0;
  while (s < v.length - 1 && v[s] === 0) s++;
  return toHex(v.subarray(s));
}

/** Parses exactly one DER value, failing with `code` when the bytes are not ASN.1. */
export function parseDer(der: Uint8Array, code: PkiErrorCode, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1) throw new PkiError(code, `${what}: not valid DER (${parsed.result.error})`);
  if (parsed.offset !== der.length) throw new PkiError(code, `${what}: trailing bytes after the DER value`);
  return parsed.result;
}

/** DER bytes of an asn1js value. */
export function encodeDer(v: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array {
  return new Uint8Array(v.toBER(false));
}

/** Dotted form of an OBJECT IDENTIFIER's content octets, with arcs of any size (2.25 UUID OIDs). */
export function oidFromContent(content: Uint8Array): string {
  const arcs: bigint[] = [];
  let v = 0n;
  for (const b of content) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs.shift() ?? 0n;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs].join('.');
}

/** Dotted form of an asn1js ObjectIdentifier (asn1js renders arcs above 2^53 as hex). */
export function oidString(oid: asn1js.ObjectIdentifier): string {
  return oidFromContent(new Uint8Array(oid.valueBlock.toBER(false)));
}
