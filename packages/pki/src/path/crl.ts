/** Parsing of X.509 CRLs and verification of a CRL against its issuer at a time (RFC 5280 §5, §6.3). */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { AlgorithmId, ParsedCertificate } from './certificate.js';
import { children, contentBytes, encoded, isContext, oidOf, parseDer, timeOf, toHex, type Block } from './der.js';
import { PathValidationError, type PathErrorClass } from './errors.js';
import {
  OID, decodeAuthorityKeyId, decodeCrlDistributionPoints, decodeGeneralNames, decodeIssuingDistributionPoint,
  type AuthorityKeyId, type DistributionPoint, type IssuingDistributionPoint,
} from './extensions.js';
import { parseName, type DistinguishedName } from './names.js';
import { parseCertificate } from './certificate.js';
import { verifySignature } from './signature.js';
import type { AlgorithmPolicy } from './types.js';

export interface CrlEntry {
  serialHex: string;
  revocationDate: Date;
  /** CRLReason code, when given. */
  reason?: number;
  /** Canonical key of the certificate issuer this entry is about (indirect CRLs). */
  issuerKey: string;
}

export interface ParsedCrl {
  der: Uint8Array;
  id: string;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate?: Date;
  entries: Map<string, CrlEntry[]>;
  crlNumber?: bigint;
  /** BaseCRLNumber of a delta CRL. */
  deltaBase?: bigint;
  idp?: IssuingDistributionPoint;
  authorityKeyId?: AuthorityKeyId;
  freshest?: DistributionPoint[];
  /** First unrecognised critical CRL or entry extension, when any. */
  unknownCritical?: string;
}

const KNOWN_CRL_EXT = new Set<string>([
  OID.crlNumber, OID.deltaCrlIndicator, OID.issuingDistributionPoint, OID.authorityKeyIdentifier,
  OID.freshestCrl, OID.issuerAltName, OID.authorityInfoAccess,
]);
const KNOWN_ENTRY_EXT = new Set<string>([OID.crlReason, OID.invalidityDate, OID.certificateIssuer]);

function bigintOf(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

function extensionsOf(block: Block | undefined): { oid: string; critical: boolean; value: Uint8Array }[] {
  if (!block) return [];
  return children(block).map((ext) => {
    const parts = children(ext);
    const critical = parts.length === 3 && parts[1] instanceof asn1js.Boolean ? parts[1].getValue() : false;
    return { oid: oidOf(parts[0]), critical, value: contentBytes(parts[parts.length - 1]!) };
  });
}

const cache = new Map<string, ParsedCrl>();

/** Parses (and memoises) a DER CRL; throws PathValidationError('CRLInvalid') when malformed. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  const id = createHash('sha256').update(der).digest('hex');
  const hit = cache.get(id);
  if (hit) return hit;
  let parsed: ParsedCrl;
  try {
    parsed = parseUncached(der, id);
  } catch (e) {
    throw new PathValidationError('CRLInvalid', `malformed CRL: ${(e as Error).message}`);
  }
  if (cache.size > 2000) cache.clear();
  cache.set(id, parsed);
  return parsed;
}

function parseUncached(der: Uint8Array, id: string): ParsedCrl {
  const [tbsBlock, sigAlg, sigValue] = children(parseDer(der, 'CertificateList'));
  const fields = children(tbsBlock!);
  let i = 0;
  if (fields[0] instanceof asn1js.Integer) i++;
  const [algOid, algParams] = children(sigAlg!);
  const signatureAlgorithm: AlgorithmId = { oid: oidOf(algOid) };
  if (algParams && !(algParams instanceof asn1js.Null)) { signatureAlgorithm.params = algParams; signatureAlgorithm.paramsDer = encoded(algParams); }
  i++; // inner signature algorithm
  const issuer = parseName(fields[i++]!);
  const thisUpdate = timeOf(fields[i++]!);
  const crl: ParsedCrl = {
    der, id, tbs: encoded(tbsBlock!), signatureAlgorithm, signature: contentBytes(sigValue!).subarray(1),
    issuer, thisUpdate, entries: new Map(),
  };
  const maybeNext = fields[i];
  if (maybeNext instanceof asn1js.UTCTime || maybeNext instanceof asn1js.GeneralizedTime) { crl.nextUpdate = timeOf(maybeNext); i++; }
  let revoked: Block | undefined;
  if (fields[i] instanceof asn1js.Sequence) revoked = fields[i++];
  const extBlock = isContext(fields[i], 0) ? children(fields[i]!)[0] : undefined;
  for (const ext of extensionsOf(extBlock)) {
    if (ext.critical && !KNOWN_CRL_EXT.has(ext.oid)) crl.unknownCritical ??= ext.oid;
    if (ext.oid === OID.crlNumber) crl.crlNumber = bigintOf(contentBytes(parseDer(ext.value, 'CRLNumber')));
    else if (ext.oid === OID.deltaCrlIndicator) crl.deltaBase = bigintOf(contentBytes(parseDer(ext.value, 'BaseCRLNumber')));
    else if (ext.oid === OID.issuingDistributionPoint) crl.idp = decodeIssuingDistributionPoint(ext.value);
    else if (ext.oid === OID.authorityKeyIdentifier) crl.authorityKeyId = decodeAuthorityKeyId(ext.value);
    else if (ext.oid === OID.freshestCrl) crl.freshest = decodeCrlDistributionPoints(ext.value);
  }
  // Entries of an indirect CRL inherit the certificate issuer of the previous entry (RFC 5280 §5.3.3).
  let currentIssuer = issuer.key;
  for (const entry of revoked ? children(revoked) : []) {
    const [serial, date, entryExts] = children(entry);
    const e: CrlEntry = { serialHex: toHex(contentBytes(serial!)), revocationDate: timeOf(date!), issuerKey: currentIssuer };
    for (const ext of extensionsOf(entryExts)) {
      if (ext.critical && !KNOWN_ENTRY_EXT.has(ext.oid)) crl.unknownCritical ??= ext.oid;
      if (ext.oid === OID.crlReason) e.reason = contentBytes(parseDer(ext.value, 'CRLReason'))[0] ?? 0;
      else if (ext.oid === OID.certificateIssuer) {
        const dn = decodeGeneralNames(ext.value).find((g) => g.kind === 'dn');
        if (dn && dn.kind === 'dn') { currentIssuer = dn.value.key; e.issuerKey = currentIssuer; }
      }
    }
    const list = crl.entries.get(e.serialHex) ?? [];
    list.push(e);
    crl.entries.set(e.serialHex, list);
  }
  return crl;
}

export interface CrlCheckOptions {
  time: Date;
  algorithmPolicy?: AlgorithmPolicy;
}

/** Outcome of verifying one CRL against a candidate issuer. */
export interface CrlCheck {
  valid: boolean;
  errorClass?: PathErrorClass;
  reasons: string[];
  thisUpdate?: Date;
  nextUpdate?: Date;
  crlNumber?: bigint;
  isDelta: boolean;
  /** The signature verified with this issuer certificate's key (the CRL is authentic). */
  signedByIssuer: boolean;
}

/** Structural, signature, issuer and freshness checks of a CRL (scope is judged by the revocation checker). */
export function verifyParsedCrl(crl: ParsedCrl, issuer: ParsedCertificate, time: Date, algorithmPolicy?: AlgorithmPolicy): CrlCheck {
  const base = { thisUpdate: crl.thisUpdate, isDelta: crl.deltaBase !== undefined, signedByIssuer: false } as CrlCheck;
  if (crl.nextUpdate) base.nextUpdate = crl.nextUpdate;
  if (crl.crlNumber !== undefined) base.crlNumber = crl.crlNumber;
  const bad = (errorClass: PathErrorClass, reason: string): CrlCheck => ({ ...base, valid: false, errorClass, reasons: [reason] });
  if (crl.issuer.key !== issuer.subject.key) return bad('CRLInvalid', 'CRL issuer name does not match the issuer certificate');
  const sig = verifySignature(crl.tbs, crl.signature, crl.signatureAlgorithm, issuer.effectiveSpki ?? issuer.spki);
  if (!sig.ok) return bad('CRLInvalid', `CRL signature could not be verified (${sig.reason})`);
  base.signedByIssuer = true;
  if (issuer.keyUsage && !issuer.keyUsage.has('cRLSign')) {
    return bad('CRLIssuerInvalid', 'The CRL issuer that was identified is not authorized to sign CRLs');
  }
  const weak = algorithmPolicy?.(sig.algorithm, time);
  if (weak) return bad('CryptoConstraints', `CRL is signed with an unacceptable algorithm: ${weak}`);
  if (crl.unknownCritical) return bad('CRLInvalid', `One or more unrecognized critical extensions are present (${crl.unknownCritical})`);
  if (crl.nextUpdate && crl.nextUpdate < time) {
    return bad(base.isDelta ? 'DeltaCRLStale' : 'RevocationStale', 'CRL is not recent enough');
  }
  return { ...base, valid: true, reasons: [] };
}

/** Verifies a DER CRL against a DER issuer certificate at `options.time`. */
export function checkCrl(crl: Uint8Array, issuer: Uint8Array, options: CrlCheckOptions): CrlCheck {
  try {
    return verifyParsedCrl(parseCrl(crl), parseCertificate(issuer), options.time, options.algorithmPolicy);
  } catch (e) {
    const err = e as PathValidationError;
    return { valid: false, errorClass: err.code ?? 'CRLInvalid', reasons: [err.message], isDelta: false, signedByIssuer: false };
  }
}
