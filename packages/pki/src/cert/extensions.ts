/**
 * DER builders for the X.509 extensions Paraphe issues. Built with asn1js directly so the
 * encoding is DER-exact (minimal KeyUsage BIT STRING, implicit tags) whatever pkijs does.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../asn1/oids.js';
import { encodeDer, toArrayBuffer } from '../asn1/bytes.js';
import { KEY_USAGE_BITS, type KeyUsageName } from './parse-certificate.js';

function ctx(tag: number, content: Uint8Array): asn1js.Primitive {
  return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: tag }, valueHex: toArrayBuffer(content) });
}

function ctxConstructed(tag: number, value: asn1js.AsnType[]): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: tag }, value });
}

function ascii(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'ascii'));
}

export function extension(oid: string, critical: boolean, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID: oid, critical, extnValue: toArrayBuffer(encodeDer(value)) });
}

/** Key identifier method 1 of RFC 5280 §4.2.1.2: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(publicKeyBits: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(publicKeyBits).digest());
}

/** DER BIT STRING for key usage: trailing zero bits dropped, as DER requires for named bit lists. */
export function keyUsageBitString(usages: readonly KeyUsageName[]): asn1js.BitString {
  const bits = usages.map((u) => KEY_USAGE_BITS.indexOf(u));
  const last = Math.max(...bits);
  const bytes = new Uint8Array((last >> 3) + 1);
  for (const b of bits) bytes[b >> 3] = (bytes[b >> 3] as number) | (0x80 >> (b & 7));
  const unused = 7 - (last & 7);
  return new asn1js.BitString({ valueHex: toArrayBuffer(bytes), unusedBits: unused });
}

export const ext = {
  subjectKeyIdentifier: (id: Uint8Array) =>
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: toArrayBuffer(id) })),
  authorityKeyIdentifier: (id: Uint8Array) =>
    extension(OID.authorityKeyIdentifier, false, new asn1js.Sequence({ value: [ctx(0, id)] })),
  basicConstraints: (ca: boolean, pathLength?: number) =>
    extension(
      OID.basicConstraints,
      true,
      new asn1js.Sequence({
        value: ca
          ? [new asn1js.Boolean({ value: true }), ...(pathLength !== undefined ? [new asn1js.Integer({ value: pathLength })] : [])]
          : [],
      }),
    ),
  keyUsage: (usages: readonly KeyUsageName[]) => extension(OID.keyUsage, true, keyUsageBitString(usages)),
  extKeyUsage: (oids: readonly string[], critical: boolean) =>
    extension(OID.extKeyUsage, critical, new asn1js.Sequence({ value: oids.map((o) => new asn1js.ObjectIdentifier({ value: o })) })),
  subjectAltNameEmail: (emails: readonly string[]) =>
    extension(OID.subjectAltName, false, new asn1js.Sequence({ value: emails.map((e) => ctx(1, ascii(e))) })),
  authorityInfoAccess: (ocspUrl?: string, caIssuersUrl?: string) =>
    extension(
      OID.authorityInfoAccess,
      false,
      new asn1js.Sequence({
        value: [
          ...(ocspUrl ? [[OID.adOcsp, ocspUrl] as const] : []),
          ...(caIssuersUrl ? [[OID.adCaIssuers, caIssuersUrl] as const] : []),
        ].map(([m, u]) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: m }), ctx(6, ascii(u))] })),
      }),
    ),
  crlDistributionPoints: (url: string) =>
    extension(
      OID.crlDistributionPoints,
      false,
      new asn1js.Sequence({
        value: [new asn1js.Sequence({ value: [ctxConstructed(0, [ctxConstructed(0, [ctx(6, ascii(url))])])] })],
      }),
    ),
  ocspNoCheck: () => extension(OID.ocspNoCheck, false, new asn1js.Null()),
};
