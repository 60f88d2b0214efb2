/** Parsed view of an X.509 certificate holding exactly what path validation needs. */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { children, contentBytes, encoded, isContext, oidOf, parseDer, timeOf, toHex, type Block } from './der.js';
import { PathValidationError } from './errors.js';
import {
  OID, decodeAuthorityKeyId, decodeBasicConstraints, decodeCrlDistributionPoints, decodeExtKeyUsage,
  decodeGeneralNames, decodeInteger, decodeKeyUsage, decodeNameConstraints, decodeOctetString,
  decodePolicies, decodePolicyConstraints, decodePolicyMappings,
  type AuthorityKeyId, type BasicConstraints, type DistributionPoint, type KeyUsageName,
  type NameConstraints, type PolicyConstraints, type PolicyInfo, type PolicyMapping,
} from './extensions.js';
import { nameToString, parseName, type DistinguishedName, type GeneralName } from './names.js';

export interface AlgorithmId { oid: string; params?: Block; paramsDer?: Uint8Array }

export interface RawExtension { oid: string; critical: boolean; value: Uint8Array }

export interface ParsedCertificate {
  der: Uint8Array;
  /** SHA-256 of the DER, hex: identity of the certificate. */
  id: string;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
  version: number;
  serial: Uint8Array;
  serialHex: string;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  publicKeyAlgorithm: AlgorithmId;
  /** The subjectPublicKey BIT STRING content without the unused-bits octet (used for OCSP key hashes). */
  publicKeyBits: Uint8Array;
  extensions: RawExtension[];
  /** Malformed non-critical locator extensions that were skipped, with the reason. */
  skippedExtensions: string[];
  basicConstraints?: BasicConstraints;
  keyUsage?: Set<KeyUsageName>;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: AuthorityKeyId;
  policies?: PolicyInfo[];
  policyMappings?: PolicyMapping[];
  policyConstraints?: PolicyConstraints;
  inhibitAnyPolicy?: number;
  nameConstraints?: NameConstraints;
  subjectAltNames?: GeneralName[];
  extKeyUsage?: string[];
  crlDistributionPoints?: DistributionPoint[];
  freshestCrl?: DistributionPoint[];
  ocspUrls: string[];
  caIssuerUrls: string[];
  ocspNoCheck: boolean;
  /** SPKI completed with DSA parameters inherited from the issuer, once a path established them. */
  effectiveSpki?: Uint8Array;
  selfIssued: boolean;
  subjectText: string;
}

function algorithmId(block: Block | undefined): AlgorithmId {
  const [oid, params] = children(block as Block);
  const out: AlgorithmId = { oid: oidOf(oid) };
  if (params && !(params instanceof asn1js.Null)) { out.params = params; out.paramsDer = encoded(params); }
  return out;
}

function accessUrls(der: Uint8Array, method: string): string[] {
  const urls: string[] = [];
  for (const ad of children(parseDer(der, 'AuthorityInfoAccess'))) {
    const [m, loc] = children(ad);
    if (oidOf(m) === method && isContext(loc, 6)) urls.push(Buffer.from(contentBytes(loc!)).toString('latin1'));
  }
  return urls;
}

const cache = new Map<string, ParsedCertificate>();

/** Parses (and memoises by content) a DER certificate. Throws PathValidationError('MalformedCertificate'). */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const id = createHash('sha256').update(der).digest('hex');
  const hit = cache.get(id);
  if (hit) return hit;
  const parsed = parseUncached(der, id);
  if (cache.size > 5000) cache.clear();
  cache.set(id, parsed);
  return parsed;
}

function parseUncached(der: Uint8Array, id: string): ParsedCertificate {
  const root = parseDer(der, 'Certificate');
  const [tbsBlock, sigAlg, sigValue] = children(root);
  if (!tbsBlock || !sigAlg || !(sigValue instanceof asn1js.BitString)) {
    throw new PathValidationError('MalformedCertificate', 'Certificate: not a SEQUENCE of tbs, algorithm, signature');
  }
  const fields = children(tbsBlock);
  let i = 0;
  let version = 1;
  if (isContext(fields[0], 0)) { version = Number(contentBytes(children(fields[0]!)[0]!)[0] ?? 0) + 1; i++; }
  const serialBlock = fields[i++]!;
  i++; // inner signature algorithm, compared below
  const issuer = parseName(fields[i++]!);
  const [nb, na] = children(fields[i++]!);
  const subject = parseName(fields[i++]!);
  const spkiBlock = fields[i++]!;
  const [pkAlg, pkBits] = children(spkiBlock);
  const extensions: RawExtension[] = [];
  for (; i < fields.length; i++) {
    if (!isContext(fields[i], 3)) continue;
    for (const ext of children(children(fields[i]!)[0]!)) {
      const parts = children(ext);
      const critical = parts.length === 3 && parts[1] instanceof asn1js.Boolean ? parts[1].getValue() : false;
      extensions.push({ oid: oidOf(parts[0]), critical, value: contentBytes(parts[parts.length - 1]!) });
    }
  }
  const serial = contentBytes(serialBlock);
  const cert: ParsedCertificate = {
    der, id, tbs: encoded(tbsBlock), signatureAlgorithm: algorithmId(sigAlg),
    signature: contentBytes(sigValue).subarray(1), version, serial, serialHex: toHex(serial), issuer, subject,
    notBefore: timeOf(nb!), notAfter: timeOf(na!), spki: encoded(spkiBlock), publicKeyAlgorithm: algorithmId(pkAlg),
    publicKeyBits: contentBytes(pkBits!).subarray(1), extensions, skippedExtensions: [], ocspUrls: [], caIssuerUrls: [], ocspNoCheck: false,
    selfIssued: issuer.key === subject.key, subjectText: nameToString(subject),
  };
  applyExtensions(cert);
  return cert;
}

/** Non-critical extensions that only help to find things (issuers, revocation data): a malformed one is skipped. */
const LOCATORS = new Set<string>([
  OID.crlDistributionPoints, OID.freshestCrl, OID.authorityInfoAccess, OID.authorityKeyIdentifier, OID.subjectKeyIdentifier,
]);

function applyExtensions(cert: ParsedCertificate): void {
  for (const ext of cert.extensions) {
    try {
      applyExtension(cert, ext);
    } catch (e) {
      const message = `extension ${ext.oid} of ${cert.subjectText} is malformed: ${(e as Error).message}`;
      if (ext.critical || !LOCATORS.has(ext.oid)) throw new PathValidationError('MalformedCertificate', message);
      cert.skippedExtensions.push(message);
    }
  }
}

function applyExtension(cert: ParsedCertificate, { oid, value }: RawExtension): void {
  switch (oid) {
    case OID.basicConstraints: cert.basicConstraints = decodeBasicConstraints(value); break;
    case OID.keyUsage: cert.keyUsage = decodeKeyUsage(value); break;
    case OID.subjectKeyIdentifier: cert.subjectKeyId = decodeOctetString(value); break;
    case OID.authorityKeyIdentifier: cert.authorityKeyId = decodeAuthorityKeyId(value); break;
    case OID.certificatePolicies: cert.policies = decodePolicies(value); break;
    case OID.policyMappings: cert.policyMappings = decodePolicyMappings(value); break;
    case OID.policyConstraints: cert.policyConstraints = decodePolicyConstraints(value); break;
    case OID.inhibitAnyPolicy: cert.inhibitAnyPolicy = decodeInteger(value); break;
    case OID.nameConstraints: cert.nameConstraints = decodeNameConstraints(value); break;
    case OID.subjectAltName: cert.subjectAltNames = decodeGeneralNames(value); break;
    case OID.extKeyUsage: cert.extKeyUsage = decodeExtKeyUsage(value); break;
    case OID.crlDistributionPoints: cert.crlDistributionPoints = decodeCrlDistributionPoints(value); break;
    case OID.freshestCrl: cert.freshestCrl = decodeCrlDistributionPoints(value); break;
    case OID.authorityInfoAccess:
      cert.ocspUrls = accessUrls(value, '1.3.6.1.5.5.7.48.1');
      cert.caIssuerUrls = accessUrls(value, '1.3.6.1.5.5.7.48.2');
      break;
    case OID.ocspNoCheck: cert.ocspNoCheck = true; break;
    default: break;
  }
}

/** Extensions this validator understands, so that they may be marked critical. */
export const SUPPORTED_CRITICAL = new Set<string>([
  OID.basicConstraints, OID.keyUsage, OID.subjectKeyIdentifier, OID.authorityKeyIdentifier, OID.certificatePolicies,
  OID.policyMappings, OID.policyConstraints, OID.inhibitAnyPolicy, OID.nameConstraints, OID.subjectAltName,
  OID.issuerAltName, OID.extKeyUsage, OID.crlDistributionPoints, OID.freshestCrl, OID.authorityInfoAccess,
  OID.ocspNoCheck, OID.qcStatements, OID.subjectDirectoryAttributes,
]);

/** PEM or DER input to DER. */
export function toDer(input: Uint8Array | string): Uint8Array {
  const text = typeof input === 'string' ? input : null;
  if (text === null && input[0] === 0x30) return input as Uint8Array;
  const s = text ?? Buffer.from(input as Uint8Array).toString('latin1');
  const m = /-----BEGIN [^-]+-----([\s\S]*?)-----END/.exec(s);
  return new Uint8Array(Buffer.from(m ? m[1]! : s, 'base64'));
}
