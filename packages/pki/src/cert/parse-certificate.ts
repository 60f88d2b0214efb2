/**
 * A typed, frozen view of an X.509 certificate: the facts signers, validators and the
 * platform read (names, serial, validity, key, usages, constraints, URLs), plus the pkijs
 * object for anything more advanced.
 */
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../asn1/oids.js';
import { encodeDer, integerHex, parseDer, toBytes, toHex } from '../asn1/bytes.js';
import { PkiError } from '../errors.js';
import { publicKeyFromSpki } from '../signature-algorithm.js';
import { formatName, nameAttribute } from './name.js';
import { derFromInput } from './pem.js';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

export const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface CertificateExtensionInfo {
  readonly oid: string;
  readonly critical: boolean;
}

export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** RFC 4514 string, e.g. "CN=Alice Tremblay,O=Ville,C=CA". */
  readonly subject: string;
  readonly issuer: string;
  readonly subjectCommonName: string | undefined;
  /** DER of the subject and issuer Names, byte for byte (OCSP CertID, path matching). */
  readonly subjectDer: Uint8Array;
  readonly issuerDer: Uint8Array;
  /** Lower-case hex of the serial number's magnitude. */
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SubjectPublicKeyInfo DER. */
  readonly spki: Uint8Array;
  /** Contents of the subjectPublicKey BIT STRING (what OCSP key hashes are computed over). */
  readonly publicKeyBits: Uint8Array;
  readonly publicKey: KeyObject;
  readonly signatureAlgorithmOid: string;
  readonly tbs: Uint8Array;
  readonly signatureValue: Uint8Array;
  /** null when the extension is absent. */
  readonly keyUsage: readonly KeyUsageName[] | null;
  readonly keyUsageCritical: boolean;
  /** OIDs; null when the extension is absent. */
  readonly extKeyUsage: readonly string[] | null;
  readonly extKeyUsageCritical: boolean;
  readonly basicConstraints: { readonly ca: boolean; readonly pathLength: number | undefined; readonly critical: boolean } | null;
  readonly subjectKeyIdentifier: Uint8Array | undefined;
  readonly authorityKeyIdentifier: Uint8Array | undefined;
  readonly ocspUrls: readonly string[];
  readonly caIssuersUrls: readonly string[];
  readonly crlUrls: readonly string[];
  readonly emails: readonly string[];
  readonly ocspNoCheck: boolean;
  readonly extensions: readonly CertificateExtensionInfo[];
  /** Subject and issuer names are byte-identical. */
  readonly selfIssued: boolean;
  readonly pkijs: pkijs.Certificate;
}

function uriOf(name: pkijs.GeneralName): string | undefined {
  return name.type === 6 && typeof name.value === 'string' ? name.value : undefined;
}

function keyUsageNames(bits: asn1js.BitString): KeyUsageName[] {
  const bytes = new Uint8Array(bits.valueBlock.valueHexView);
  const out: KeyUsageName[] = [];
  KEY_USAGE_BITS.forEach((name, i) => {
    const byte = bytes[i >> 3] ?? 0;
    if (byte & (0x80 >> (i & 7))) out.push(name);
  });
  return out;
}

export function parseCertificate(input: Uint8Array | string): ParsedCertificate {
  const der = derFromInput(input, 'CERTIFICATE');
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: parseDer(der, 'CERT_INVALID', 'certificate') });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('CERT_INVALID', `not an X.509 certificate: ${(e as Error).message}`, { cause: e });
  }
  const exts = cert.extensions ?? [];
  const ext = (oid: string) => exts.find((e) => e.extnID === oid);
  const parsedOf = <T>(oid: string): T | undefined => {
    const e = ext(oid);
    if (!e) return undefined;
    try {
      return e.parsedValue as T;
    } catch (err) {
      throw new PkiError('CERT_INVALID', `malformed extension ${oid}: ${(err as Error).message}`, { cause: err });
    }
  };

  const ku = parsedOf<asn1js.BitString>(OID.keyUsage);
  const eku = parsedOf<pkijs.ExtKeyUsage>(OID.extKeyUsage);
  const bc = parsedOf<pkijs.BasicConstraints>(OID.basicConstraints);
  const ski = parsedOf<asn1js.OctetString>(OID.subjectKeyIdentifier);
  const aki = parsedOf<pkijs.AuthorityKeyIdentifier>(OID.authorityKeyIdentifier);
  const aia = parsedOf<pkijs.InfoAccess>(OID.authorityInfoAccess);
  const cdp = parsedOf<pkijs.CRLDistributionPoints>(OID.crlDistributionPoints);
  const san = parsedOf<pkijs.AltName>(OID.subjectAltName);

  const aiaUrls = (method: string) =>
    (aia?.accessDescriptions ?? []).filter((d) => d.accessMethod === method).flatMap((d) => uriOf(d.accessLocation) ?? []);
  const crlUrls = (cdp?.distributionPoints ?? []).flatMap((dp) =>
    Array.isArray(dp.distributionPoint) ? dp.distributionPoint.flatMap((n) => uriOf(n) ?? []) : [],
  );
  const pathLen = bc?.pathLenConstraint;
  const subjectDer = encodeDer(cert.subject.toSchema());
  const issuerDer = encodeDer(cert.issuer.toSchema());
  const spki = encodeDer(cert.subjectPublicKeyInfo.toSchema());

  const view: ParsedCertificate = {
    der: new Uint8Array(der),
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    subjectCommonName: nameAttribute(cert.subject, OID.cn),
    subjectDer,
    issuerDer,
    serialHex: integerHex(cert.serialNumber),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    spki,
    publicKeyBits: toBytes(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    publicKey: publicKeyFromSpki(spki),
    signatureAlgorithmOid: cert.signatureAlgorithm.algorithmId,
    tbs: toBytes(cert.tbsView),
    signatureValue: toBytes(cert.signatureValue.valueBlock.valueHexView),
    keyUsage: ku ? Object.freeze(keyUsageNames(ku)) : null,
    keyUsageCritical: ext(OID.keyUsage)?.critical ?? false,
    extKeyUsage: eku ? Object.freeze([...eku.keyPurposes]) : null,
    extKeyUsageCritical: ext(OID.extKeyUsage)?.critical ?? false,
    basicConstraints: bc
      ? Object.freeze({
          ca: Boolean(bc.cA),
          pathLength: pathLen === undefined ? undefined : typeof pathLen === 'number' ? pathLen : pathLen.valueBlock.valueDec,
          critical: ext(OID.basicConstraints)?.critical ?? false,
        })
      : null,
    subjectKeyIdentifier: ski ? toBytes(ski.valueBlock.valueHexView) : undefined,
    authorityKeyIdentifier: aki?.keyIdentifier ? toBytes(aki.keyIdentifier.valueBlock.valueHexView) : undefined,
    ocspUrls: Object.freeze(aiaUrls(OID.adOcsp)),
    caIssuersUrls: Object.freeze(aiaUrls(OID.adCaIssuers)),
    crlUrls: Object.freeze(crlUrls),
    emails: Object.freeze((san?.altNames ?? []).flatMap((n) => (n.type === 1 && typeof n.value === 'string' ? [n.value] : []))),
    ocspNoCheck: ext(OID.ocspNoCheck) !== undefined,
    extensions: Object.freeze(exts.map((e) => Object.freeze({ oid: e.extnID, critical: e.critical }))),
    selfIssued: toHex(subjectDer) === toHex(issuerDer),
    pkijs: cert,
  };
  return Object.freeze(view);
}
