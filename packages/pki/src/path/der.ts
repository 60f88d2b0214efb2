/** Small helpers over asn1js for reading DER structures without re-encoding them. */
import * as asn1js from 'asn1js';
import { PathValidationError } from './errors.js';

export type Block = asn1js.AsnType;

/** Parses exactly one DER element; trailing bytes or a parse error are malformation. */
export function parseDer(bytes: Uint8Array, what: string): Block {
  const res = asn1js.fromBER(bytes);
  if (res.offset === -1) {
    throw new PathValidationError('MalformedCertificate', `${what}: ${res.result.error || 'invalid DER'}`);
  }
  return res.result;
}

export function children(block: Block): Block[] {
  const value = (block as { valueBlock?: { value?: unknown } }).valueBlock?.value;
  return Array.isArray(value) ? (value as Block[]) : [];
}

/** The original encoding of an element, as it appeared in the input. */
export function encoded(block: Block): Uint8Array {
  return new Uint8Array(block.valueBeforeDecodeView);
}

/** The content octets of an element (value without tag and length), exactly as encoded. */
export function contentBytes(block: Block): Uint8Array {
  const all = encoded(block);
  return all.subarray(block.idBlock.blockLength + block.lenBlock.blockLength);
}

export function isContext(block: Block | undefined, tag: number): boolean {
  return !!block && block.idBlock.tagClass === 3 && block.idBlock.tagNumber === tag;
}

export function oidOf(block: Block | undefined): string {
  if (!(block instanceof asn1js.ObjectIdentifier)) throw new PathValidationError('MalformedCertificate', 'expected an OBJECT IDENTIFIER');
  return block.valueBlock.toString();
}

/** Non-negative small integer from an INTEGER (or implicitly tagged) element. */
export function smallInt(block: Block): number {
  const bytes = contentBytes(block);
  let n = 0;
  for (const b of bytes) n = n * 256 + b;
  return n;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bits of a BIT STRING content (first octet = unused bits), bit 0 first. */
export function bitStringBits(content: Uint8Array): boolean[] {
  const unused = content[0] ?? 0;
  const bits: boolean[] = [];
  const total = (content.length - 1) * 8 - unused;
  for (let i = 0; i < total; i++) {
    const byte = content[1 + (i >> 3)] ?? 0;
    bits.push(((byte >> (7 - (i & 7))) & 1) === 1);
  }
  return bits;
}

/** Reads a Time (UTCTime or GeneralizedTime). */
export function timeOf(block: Block): Date {
  if (block instanceof asn1js.UTCTime || block instanceof asn1js.GeneralizedTime) return block.toDate();
  throw new PathValidationError('MalformedCertificate', 'expected a Time');
}

