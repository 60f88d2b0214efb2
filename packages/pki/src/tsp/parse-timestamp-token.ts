/** Reading RFC 3161 time-stamp responses and tokens into typed, frozen views. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodeDer, integerHex, oidString, parseDer, toBytes, toHex } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { PkiError } from '../errors.js';
import { cachedCertificate } from './certificate-cache.js';
import { derElementAt } from './der-split.js';
import { splitCertificates } from './split-certificates.js';
import { hashFromOid } from '../hash.js';
import type { HashAlgorithm } from '../signer.js';

export interface ParsedTimestampToken {
  readonly genTime: Date;
  readonly imprint: Uint8Array;
  readonly hashAlg: HashAlgorithm;
  /** Hex of the TSTInfo serial number. */
  readonly serial: string;
  readonly policy: string;
  /** The certificate matching the SignerInfo's sid, when the token embeds it. */
  readonly tsaCert: Uint8Array | undefined;
  /** Nonce magnitude (no sign padding), when present. */
  readonly nonce: Uint8Array | undefined;
  readonly accuracy: { readonly seconds: number; readonly millis: number; readonly micros: number } | undefined;
  readonly certificates: readonly Uint8Array[];
  /** DER of the encapsulated TSTInfo (what the message-digest attribute covers). */
  readonly tstInfoDer: Uint8Array;
  readonly signedData: pkijs.SignedData;
  readonly signerInfo: pkijs.SignerInfo;
}

export interface ParsedTimestampResponse {
  /** 0 granted, 1 grantedWithMods, 2 rejection, 3 waiting, 4 revocationWarning, 5 revocationNotification. */
  readonly status: number;
  readonly statusText: string | undefined;
  /** Indices of the PKIFailureInfo bits set. */
  readonly failureBits: readonly number[];
  /** DER of the TimeStampToken (ContentInfo), when present. */
  readonly token: Uint8Array | undefined;
}

export function parseTimestampResponse(respDer: Uint8Array): ParsedTimestampResponse {
  // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }.
  // Only the status is decoded here; the token is decoded once, by whoever checks it.
  const outer = derElementAt(respDer, 0, 'time-stamp response');
  if (outer.tag !== 0x30) throw new PkiError('TSA_INVALID', 'not a TimeStampResp: not a SEQUENCE');
  if (outer.end !== respDer.length) throw new PkiError('TSA_INVALID', 'time-stamp response: trailing bytes after the DER value');
  const statusEl = derElementAt(respDer, outer.contentStart, 'time-stamp response status');
  let status: pkijs.PKIStatusInfo;
  try {
    status = new pkijs.PKIStatusInfo({ schema: parseDer(respDer.subarray(outer.contentStart, statusEl.end), 'TSA_INVALID', 'time-stamp response status') });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('TSA_INVALID', `not a TimeStampResp: ${(e as Error).message}`, { cause: e });
  }
  let token: Uint8Array | undefined;
  if (statusEl.end < outer.end) {
    const tokenEl = derElementAt(respDer, statusEl.end, 'time-stamp token');
    if (tokenEl.tag !== 0x30 || tokenEl.end !== outer.end) throw new PkiError('TSA_INVALID', 'not a TimeStampResp: malformed timeStampToken');
    token = respDer.slice(statusEl.end, tokenEl.end);
  }
  const failBits: number[] = [];
  if (status.failInfo) {
    const bytes = new Uint8Array(status.failInfo.valueBlock.valueHexView);
    bytes.forEach((b, i) => {
      for (let j = 0; j < 8; j++) if (b & (0x80 >> j)) failBits.push(i * 8 + j);
    });
  }
  const text = status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
  return Object.freeze({
    status: status.status,
    statusText: text || undefined,
    failureBits: Object.freeze(failBits),
    token,
  });
}

/** The CertificateChoices of a SignedData exactly as encoded ([0] IMPLICIT SET), in order. */
function rawCertificates(signedData: asn1js.AsnType): Uint8Array[] {
  const set = (signedData as asn1js.Sequence).valueBlock.value.find((c) => c.idBlock.tagClass === 3 && c.idBlock.tagNumber === 0);
  return set ? (set as asn1js.Constructed).valueBlock.value.map((c) => toBytes(c.valueBeforeDecodeView)) : [];
}

function octetContent(o: asn1js.OctetString): Uint8Array {
  if (!o.idBlock.isConstructed) return toBytes(o.valueBlock.valueHexView);
  return toBytes(o.getValue());
}

/** The embedded certificate that the SignerInfo identifies (issuer+serial or subject key id). */
export function findSignerCertificate(sd: pkijs.SignedData, si: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = toHex(encodeDer(si.sid.issuer.toSchema()));
    const serial = integerHex(si.sid.serialNumber);
    return certs.find((c) => integerHex(c.serialNumber) === serial && toHex(encodeDer(c.issuer.toSchema())) === issuer);
  }
  const ski = toHex(toBytes((si.sid as asn1js.Primitive).valueBlock.valueHexView));
  return certs.find((c) => {
    const e = c.extensions?.find((x) => x.extnID === OID.subjectKeyIdentifier);
    return e !== undefined && toHex(toBytes((e.parsedValue as asn1js.OctetString).valueBlock.valueHexView)) === ski;
  });
}

interface DecodedToken {
  readonly ci: pkijs.ContentInfo;
  readonly sd: pkijs.SignedData;
  /** Each embedded CertificateChoices exactly as encoded, in the order of sd.certificates. */
  readonly raw: readonly Uint8Array[];
}

/**
 * Decodes the token's structure without its certificates and takes each certificate from the
 * certificate cache (one parse per DER, not per token). Undefined when the token or one of its
 * certificates is not in the shape this handles: the whole-token decoding then decides.
 */
function decodeWithCachedCertificates(tokenDer: Uint8Array): DecodedToken | undefined {
  let split;
  try {
    split = splitCertificates(tokenDer);
  } catch (e) {
    if (e instanceof PkiError) return undefined; // malformed framing: the whole-token decoding reports it
    throw e;
  }
  if (!split) return undefined;
  const certificates: pkijs.Certificate[] = [];
  for (const der of split.certificates) {
    try {
      certificates.push(cachedCertificate(der).pkijs);
    } catch (e) {
      if (e instanceof PkiError) return undefined; // the whole-token decoding reports it
      throw e;
    }
  }
  const ci = new pkijs.ContentInfo({ schema: parseDer(split.withoutCertificates, 'TSA_INVALID', 'time-stamp token') });
  if (ci.contentType !== OID.signedData) return undefined;
  const sd = new pkijs.SignedData({ schema: ci.content });
  if (certificates.length > 0) sd.certificates = certificates;
  return { ci, sd, raw: split.certificates };
}

function decodeWhole(tokenDer: Uint8Array): DecodedToken {
  const ci = new pkijs.ContentInfo({ schema: parseDer(tokenDer, 'TSA_INVALID', 'time-stamp token') });
  if (ci.contentType !== OID.signedData) throw new PkiError('TSA_INVALID', `token content type is ${ci.contentType}, not signedData`);
  return { ci, sd: new pkijs.SignedData({ schema: ci.content }), raw: rawCertificates(ci.content) };
}

export function parseTimestampToken(tokenDer: Uint8Array): ParsedTimestampToken {
  try {
    const { sd, raw } = decodeWithCachedCertificates(tokenDer) ?? decodeWhole(tokenDer);
    if (sd.encapContentInfo.eContentType !== OID.tstInfo) throw new PkiError('TSA_INVALID', 'token does not encapsulate a TSTInfo');
    const si = sd.signerInfos[0];
    if (!si || sd.signerInfos.length !== 1) throw new PkiError('TSA_INVALID', 'a time-stamp token has exactly one SignerInfo');
    const eContent = sd.encapContentInfo.eContent;
    if (!eContent) throw new PkiError('TSA_INVALID', 'token has no encapsulated TSTInfo');
    const tstInfoDer = octetContent(eContent);
    const tstAsn = parseDer(tstInfoDer, 'TSA_INVALID', 'TSTInfo');
    const tst = new pkijs.TSTInfo({ schema: tstAsn });
    const policyOid = (tstAsn as asn1js.Sequence).valueBlock.value[1] as asn1js.ObjectIdentifier;
    const signerCert = findSignerCertificate(sd, si);
    const allChoices = sd.certificates ?? [];
    const rawOf = (c: pkijs.Certificate) => raw[allChoices.indexOf(c)] ?? encodeDer(c.toSchema());
    const acc = tst.accuracy;
    return Object.freeze({
      genTime: tst.genTime,
      imprint: toBytes(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
      hashAlg: hashFromOid(tst.messageImprint.hashAlgorithm.algorithmId),
      serial: integerHex(tst.serialNumber),
      policy: oidString(policyOid),
      tsaCert: signerCert ? rawOf(signerCert) : undefined,
      nonce: tst.nonce ? new Uint8Array(Buffer.from(integerHex(tst.nonce), 'hex')) : undefined,
      accuracy: acc ? Object.freeze({ seconds: acc.seconds ?? 0, millis: acc.millis ?? 0, micros: acc.micros ?? 0 }) : undefined,
      certificates: Object.freeze(
        allChoices.filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map(rawOf),
      ),
      tstInfoDer,
      signedData: sd,
      signerInfo: si,
    });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('TSA_INVALID', `malformed time-stamp token: ${(e as Error).message}`, { cause: e });
  }
}
