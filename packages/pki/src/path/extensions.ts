/** Decoders for the X.509 certificate and CRL extensions that path validation relies on. */
import * as asn1js from 'asn1js';
import { bitStringBits, children, contentBytes, isContext, oidOf, parseDer, smallInt, type Block } from './der.js';
import { parseGeneralName, parseGeneralNames, parseName, type Attribute, type DistinguishedName, type GeneralName } from './names.js';

export const OID = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  certificateIssuer: '2.5.29.29',
  nameConstraints: '2.5.29.30',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  subjectDirectoryAttributes: '2.5.29.9',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  anyPolicy: '2.5.29.32.0',
  kpOcspSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

export const KEY_USAGE_BITS = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

/** CRLReason enumeration values (7 is not used). */
export const CRL_REASON_CODES: Record<number, string> = {
  0: 'unspecified', 1: 'keyCompromise', 2: 'cACompromise', 3: 'affiliationChanged', 4: 'superseded',
  5: 'cessationOfOperation', 6: 'certificateHold', 8: 'removeFromCRL', 9: 'privilegeWithdrawn', 10: 'aACompromise',
};
/** Every reason a CRL can cover, as bit mask over REASON_BITS (bits 1..8). */
export const ALL_REASONS = 0b111111110;

export interface BasicConstraints { ca: boolean; pathLen?: number }
export interface PolicyInfo { oid: string; qualifiers?: Uint8Array }
export interface PolicyMapping { issuerDomain: string; subjectDomain: string }
export interface PolicyConstraints { requireExplicitPolicy?: number; inhibitPolicyMapping?: number }
export interface NameConstraints { permitted: GeneralName[]; excluded: GeneralName[] }
export interface AuthorityKeyId { keyId?: Uint8Array; issuer?: GeneralName[]; serial?: Uint8Array }

/** A distribution point name before resolution of a relative name against its issuer. */
export type DistributionPointName = { full: GeneralName[] } | { relative: Attribute[] };
export interface DistributionPoint { name?: DistributionPointName; reasons?: number; crlIssuer?: GeneralName[] }
export interface IssuingDistributionPoint {
  name?: DistributionPointName;
  onlyUser: boolean;
  onlyCA: boolean;
  onlySomeReasons?: number;
  indirect: boolean;
  onlyAttribute: boolean;
}

export function decodeBasicConstraints(der: Uint8Array): BasicConstraints {
  const items = children(parseDer(der, 'BasicConstraints'));
  let ca = false;
  let pathLen: number | undefined;
  for (const item of items) {
    if (item instanceof asn1js.Boolean) ca = item.getValue();
    else if (item instanceof asn1js.Integer) pathLen = smallInt(item);
  }
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

export function reasonMask(content: Uint8Array): number {
  let mask = 0;
  bitStringBits(content).forEach((set, i) => { if (set && i < 9) mask |= 1 << i; });
  return mask;
}

export function decodeKeyUsage(der: Uint8Array): Set<KeyUsageName> {
  const bits = bitStringBits(contentBytes(parseDer(der, 'KeyUsage')));
  const out = new Set<KeyUsageName>();
  bits.forEach((set, i) => { const n = KEY_USAGE_BITS[i]; if (set && n) out.add(n); });
  return out;
}

export function decodeOctetString(der: Uint8Array): Uint8Array {
  return contentBytes(parseDer(der, 'OCTET STRING'));
}

export function decodeAuthorityKeyId(der: Uint8Array): AuthorityKeyId {
  const out: AuthorityKeyId = {};
  for (const item of children(parseDer(der, 'AuthorityKeyIdentifier'))) {
    if (isContext(item, 0)) out.keyId = contentBytes(item);
    else if (isContext(item, 1)) out.issuer = children(item).map(parseGeneralName);
    else if (isContext(item, 2)) out.serial = contentBytes(item);
  }
  return out;
}

export function decodePolicies(der: Uint8Array): PolicyInfo[] {
  return children(parseDer(der, 'CertificatePolicies')).map((pi) => {
    const [oid, quals] = children(pi);
    return quals ? { oid: oidOf(oid), qualifiers: new Uint8Array(quals.valueBeforeDecodeView) } : { oid: oidOf(oid) };
  });
}

export function decodePolicyMappings(der: Uint8Array): PolicyMapping[] {
  return children(parseDer(der, 'PolicyMappings')).map((m) => {
    const [a, b] = children(m);
    return { issuerDomain: oidOf(a), subjectDomain: oidOf(b) };
  });
}

export function decodePolicyConstraints(der: Uint8Array): PolicyConstraints {
  const out: PolicyConstraints = {};
  for (const item of children(parseDer(der, 'PolicyConstraints'))) {
    if (isContext(item, 0)) out.requireExplicitPolicy = smallInt(item);
    else if (isContext(item, 1)) out.inhibitPolicyMapping = smallInt(item);
  }
  return out;
}

export function decodeInteger(der: Uint8Array): number {
  return smallInt(parseDer(der, 'INTEGER'));
}

function subtrees(block: Block): GeneralName[] {
  return children(block).map((st) => parseGeneralName(children(st)[0]!));
}

export function decodeNameConstraints(der: Uint8Array): NameConstraints {
  const out: NameConstraints = { permitted: [], excluded: [] };
  for (const item of children(parseDer(der, 'NameConstraints'))) {
    if (isContext(item, 0)) out.permitted = subtrees(item);
    else if (isContext(item, 1)) out.excluded = subtrees(item);
  }
  return out;
}

export function decodeGeneralNames(der: Uint8Array): GeneralName[] {
  return parseGeneralNames(parseDer(der, 'GeneralNames'));
}

export function decodeExtKeyUsage(der: Uint8Array): string[] {
  return children(parseDer(der, 'ExtKeyUsage')).map(oidOf);
}

function decodeDpName(outer: Block): DistributionPointName | undefined {
  const choice = children(outer)[0];
  if (isContext(choice, 0)) return { full: children(choice!).map(parseGeneralName) };
  if (isContext(choice, 1)) {
    // nameRelativeToCRLIssuer is a SET OF AttributeTypeAndValue: reuse the Name parser on a one-RDN name.
    const fake = new asn1js.Sequence({ value: [new asn1js.Set({ value: children(choice!) })] });
    const name = parseName(asn1js.fromBER(fake.toBER()).result);
    return { relative: name.rdns[0] ?? [] };
  }
  return undefined;
}

export function decodeCrlDistributionPoints(der: Uint8Array): DistributionPoint[] {
  return children(parseDer(der, 'CRLDistributionPoints')).map((dp) => {
    const out: DistributionPoint = {};
    for (const item of children(dp)) {
      if (isContext(item, 0)) { const n = decodeDpName(item); if (n) out.name = n; }
      else if (isContext(item, 1)) out.reasons = reasonMask(contentBytes(item));
      else if (isContext(item, 2)) out.crlIssuer = children(item).map(parseGeneralName);
    }
    return out;
  });
}

export function decodeIssuingDistributionPoint(der: Uint8Array): IssuingDistributionPoint {
  const out: IssuingDistributionPoint = { onlyUser: false, onlyCA: false, indirect: false, onlyAttribute: false };
  const flag = (b: Block): boolean => (contentBytes(b)[0] ?? 0) !== 0;
  for (const item of children(parseDer(der, 'IssuingDistributionPoint'))) {
    if (isContext(item, 0)) { const n = decodeDpName(item); if (n) out.name = n; }
    else if (isContext(item, 1)) out.onlyUser = flag(item);
    else if (isContext(item, 2)) out.onlyCA = flag(item);
    else if (isContext(item, 3)) out.onlySomeReasons = reasonMask(contentBytes(item));
    else if (isContext(item, 4)) out.indirect = flag(item);
    else if (isContext(item, 5)) out.onlyAttribute = flag(item);
  }
  return out;
}

/** Turns a distribution point name into full names, resolving a relative name against its issuer. */
export function resolveDpName(name: DistributionPointName, issuer: DistinguishedName): GeneralName[] {
  if ('full' in name) return name.full;
  const rdns = [...issuer.rdns, name.relative];
  const key = rdns.map((rdn) => rdn.map((a) => `${a.type}=${a.canon}`).sort().join('+')).join(',');
  return [{ kind: 'dn', value: { der: new Uint8Array(0), rdns, key } }];
}
