/** Distinguished names and general names, compared the RFC 5280 §7.1 way (case and whitespace folded). */
import * as asn1js from 'asn1js';
import { children, contentBytes, encoded, oidOf, toHex, type Block } from './der.js';

export interface Attribute {
  type: string;
  /** Comparison form: folded text for directory strings, hex of the encoding otherwise. */
  canon: string;
  /** Display form. */
  text: string;
}

export interface DistinguishedName {
  der: Uint8Array;
  rdns: Attribute[][];
  /** Canonical key: two names are equal iff their keys are equal. */
  key: string;
}

const EMAIL_OID = '1.2.840.113549.1.9.1';

function stringValue(block: Block): string | null {
  const vb = (block as { valueBlock?: { value?: unknown } }).valueBlock;
  if (block instanceof asn1js.Utf8String || block instanceof asn1js.BmpString || block instanceof asn1js.UniversalString
    || block instanceof asn1js.PrintableString || block instanceof asn1js.TeletexString || block instanceof asn1js.IA5String
    || block instanceof asn1js.VisibleString || block instanceof asn1js.NumericString) {
    return typeof vb?.value === 'string' ? vb.value : null;
  }
  return null;
}

/** RFC 4518-lite: Unicode compatibility form, case folded, insignificant spaces removed. */
export function foldString(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

export function parseName(block: Block): DistinguishedName {
  const rdns = children(block).map((set) =>
    children(set).map((atv): Attribute => {
      const [typeBlock, valueBlock] = children(atv);
      const type = oidOf(typeBlock);
      const str = valueBlock ? stringValue(valueBlock) : null;
      const canon = str !== null ? `s:${foldString(str)}` : `x:${valueBlock ? toHex(encoded(valueBlock)) : ''}`;
      return { type, canon, text: str ?? `#${valueBlock ? toHex(encoded(valueBlock)) : ''}` };
    }),
  );
  const key = rdns
    .map((rdn) => rdn.map((a) => `${a.type}=${a.canon}`).sort().join('+'))
    .join(',');
  return { der: encoded(block), rdns, key };
}

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber', '0.9.2342.19200300.100.1.25': 'DC', [EMAIL_OID]: 'emailAddress',
};

export function nameToString(name: DistinguishedName): string {
  return name.rdns
    .map((rdn) => rdn.map((a) => `${SHORT[a.type] ?? a.type}=${a.text}`).join('+'))
    .join(', ');
}

/** True when `prefix` is a leading RDN sequence of `name` (DN subtree membership). */
export function nameWithinSubtree(name: DistinguishedName, prefix: DistinguishedName): boolean {
  if (prefix.rdns.length > name.rdns.length) return false;
  for (let i = 0; i < prefix.rdns.length; i++) {
    const a = prefix.rdns[i]!.map((x) => `${x.type}=${x.canon}`).sort().join('+');
    const b = name.rdns[i]!.map((x) => `${x.type}=${x.canon}`).sort().join('+');
    if (a !== b) return false;
  }
  return true;
}

export function emailAddressesInName(name: DistinguishedName): string[] {
  return name.rdns.flat().filter((a) => a.type === EMAIL_OID).map((a) => a.text);
}

export type GeneralName =
  | { kind: 'rfc822'; value: string }
  | { kind: 'dns'; value: string }
  | { kind: 'uri'; value: string }
  | { kind: 'ip'; value: Uint8Array }
  | { kind: 'dn'; value: DistinguishedName }
  | { kind: 'other'; tag: number; value: Uint8Array };

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

export function parseGeneralName(block: Block): GeneralName {
  const tag = block.idBlock.tagNumber;
  if (block.idBlock.tagClass === 3) {
    if (tag === 1) return { kind: 'rfc822', value: latin1(contentBytes(block)) };
    if (tag === 2) return { kind: 'dns', value: latin1(contentBytes(block)) };
    if (tag === 6) return { kind: 'uri', value: latin1(contentBytes(block)) };
    if (tag === 7) return { kind: 'ip', value: contentBytes(block) };
    if (tag === 4) {
      const inner = children(block)[0];
      if (inner) return { kind: 'dn', value: parseName(inner) };
    }
  }
  return { kind: 'other', tag, value: encoded(block) };
}

export function parseGeneralNames(block: Block): GeneralName[] {
  return children(block).map(parseGeneralName);
}

export function generalNameKey(g: GeneralName): string {
  switch (g.kind) {
    case 'dn': return `dn:${g.value.key}`;
    case 'ip': case 'other': return `${g.kind}:${toHex(g.value)}`;
    case 'dns': case 'rfc822': return `${g.kind}:${g.value.toLowerCase()}`;
    default: return `${g.kind}:${g.value}`;
  }
}

