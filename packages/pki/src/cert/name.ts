/**
 * Distinguished names: building an X.501 Name from subject fields (UTF8String so accents
 * survive) and rendering a Name as an RFC 4514 string.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../asn1/oids.js';
import { toHex } from '../asn1/bytes.js';
import { PkiError } from '../errors.js';

export interface SubjectFields {
  readonly commonName: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  readonly title?: string;
  /** Written in the subjectAltName as rfc822Name, not in the DN. */
  readonly email?: string;
  /** ISO 3166 two-letter code. */
  readonly country?: string;
  readonly locality?: string;
  readonly state?: string;
  readonly givenName?: string;
  readonly surname?: string;
  readonly serialNumber?: string;
  /** e.g. "NTRCA-1234567890" (ETSI EN 319 412-1 semantics identifier for legal persons). */
  readonly organizationIdentifier?: string;
}

const SHORT: Record<string, string> = {
  [OID.cn]: 'CN',
  [OID.c]: 'C',
  [OID.l]: 'L',
  [OID.st]: 'ST',
  [OID.o]: 'O',
  [OID.ou]: 'OU',
  [OID.street]: 'STREET',
  [OID.dc]: 'DC',
  [OID.uid]: 'UID',
};

const LABEL: Record<string, string> = {
  ...SHORT,
  [OID.title]: 'title',
  [OID.givenName]: 'givenName',
  [OID.surname]: 'SN',
  [OID.serialNumber]: 'serialNumber',
  [OID.emailAddress]: 'emailAddress',
  [OID.organizationIdentifier]: 'organizationIdentifier',
};

function atv(type: string, value: asn1js.AsnType): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] });
}

/** Builds a Name in the conventional big-endian order C, ST, L, O, OU, title, SN, GN, serialNumber, CN. */
export function buildName(s: SubjectFields): pkijs.RelativeDistinguishedNames {
  if (!s.commonName) throw new PkiError('PKI_INVALID_INPUT', 'subject.commonName is required');
  const list: asn1js.Sequence[] = [];
  if (s.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(s.country)) throw new PkiError('PKI_INVALID_INPUT', 'subject.country must be two capital letters');
    list.push(atv(OID.c, new asn1js.PrintableString({ value: s.country })));
  }
  const utf8 = (oid: string, v: string | undefined) => {
    if (v !== undefined && v !== '') list.push(atv(oid, new asn1js.Utf8String({ value: v })));
  };
  utf8(OID.st, s.state);
  utf8(OID.l, s.locality);
  utf8(OID.o, s.organization);
  utf8(OID.organizationIdentifier, s.organizationIdentifier);
  utf8(OID.ou, s.organizationalUnit);
  utf8(OID.title, s.title);
  utf8(OID.surname, s.surname);
  utf8(OID.givenName, s.givenName);
  if (s.serialNumber !== undefined) list.push(atv(OID.serialNumber, new asn1js.PrintableString({ value: s.serialNumber })));
  utf8(OID.cn, s.commonName);
  // One attribute per RDN (pkijs would put them all in a single multi-valued RDN).
  const der = new asn1js.Sequence({ value: list.map((a) => new asn1js.Set({ value: [a] })) }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
}

function escapeValue(v: string): string {
  let out = v.replace(/[\\"+,;<>=]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && !out.endsWith('\\ ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

function valueString(value: asn1js.AsnType): string {
  const b = value as unknown as { valueBlock?: { value?: unknown } };
  if (value instanceof asn1js.BaseStringBlock || (typeof b.valueBlock?.value === 'string' && !(value instanceof asn1js.ObjectIdentifier))) {
    return escapeValue(String(b.valueBlock?.value ?? ''));
  }
  return `#${toHex(value.toBER(false))}`;
}

/**
 * RFC 4514 string: RDNs in reverse order separated by ',', multi-valued RDNs joined by '+'.
 * pkijs flattens the Name into typesAndValues, so RDN grouping is read from the raw SET structure.
 */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  const seq = name.toSchema() as asn1js.Sequence;
  const rdns = (seq.valueBlock.value as asn1js.Set[]).map((set) =>
    (set.valueBlock.value as asn1js.Sequence[])
      .map((pair) => {
        const [oid, value] = pair.valueBlock.value as [asn1js.ObjectIdentifier, asn1js.AsnType];
        const type = oid.valueBlock.toString();
        return `${LABEL[type] ?? type}=${valueString(value)}`;
      })
      .join('+'),
  );
  return rdns.reverse().join(',');
}

/** The value of the first attribute of type `oid` in the name, if any. */
export function nameAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  const v = tv?.value as unknown as { valueBlock?: { value?: unknown } } | undefined;
  return typeof v?.valueBlock?.value === 'string' ? v.valueBlock.value : undefined;
}
