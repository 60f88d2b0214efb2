/** A typed, frozen view of an OCSP response, with a signature check against a candidate signer. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodeDer, parseDer, toBytes } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { formatName } from '../cert/name.js';
import { cachedCertificate } from '../tsp/certificate-cache.js';
import { PkiError } from '../errors.js';
import { reasonFromCode, type RevocationReason } from '../revocation-reason.js';
import { verifySignature } from '../signature-algorithm.js';
import { certIdFromPkijs, type OcspCertId } from './cert-id.js';
import { nonceFromExtension } from './ocsp-request.js';

export type OcspResponseStatus = 'successful' | 'malformedRequest' | 'internalError' | 'tryLater' | 'sigRequired' | 'unauthorized';
const STATUS: Record<number, OcspResponseStatus> = { 0: 'successful', 1: 'malformedRequest', 2: 'internalError', 3: 'tryLater', 5: 'sigRequired', 6: 'unauthorized' };

export interface OcspSingleResponse {
  readonly certId: OcspCertId;
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revocationTime: Date | undefined;
  readonly revocationReason: RevocationReason | undefined;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
}

export interface ParsedOcspResponse {
  readonly der: Uint8Array;
  readonly responseStatus: OcspResponseStatus;
  /** Fields below are empty/undefined unless responseStatus is successful. */
  readonly responderKeyHash: Uint8Array | undefined;
  readonly responderName: string | undefined;
  readonly producedAt: Date | undefined;
  readonly responses: readonly OcspSingleResponse[];
  readonly certificates: readonly Uint8Array[];
  readonly nonce: Uint8Array | undefined;
  readonly tbsResponseData: Uint8Array | undefined;
  readonly signatureAlgorithmOid: string | undefined;
  readonly signatureValue: Uint8Array | undefined;
  /** Whether the response signature verifies with `signerCertificate`'s key (a fact, not an authorization decision). */
  signatureValidWith(signerCertificate: Uint8Array): boolean;
  readonly basic: pkijs.BasicOCSPResponse | undefined;
}

function single(r: pkijs.SingleResponse): OcspSingleResponse {
  const cs = r.certStatus as asn1js.AsnType & { idBlock: { tagNumber: number } };
  const tag = cs.idBlock.tagNumber;
  let revocationTime: Date | undefined;
  let revocationReason: RevocationReason | undefined;
  if (tag === 1) {
    const parts = (cs as asn1js.Constructed).valueBlock.value;
    const t = parts[0] as asn1js.GeneralizedTime;
    revocationTime = t.toDate();
    const reason = parts[1] as asn1js.Constructed | undefined;
    if (reason) revocationReason = reasonFromCode((reason.valueBlock.value[0] as asn1js.Enumerated).valueBlock.valueDec);
  }
  return Object.freeze({
    certId: certIdFromPkijs(r.certID),
    status: tag === 0 ? 'good' : tag === 1 ? 'revoked' : 'unknown',
    revocationTime,
    revocationReason,
    thisUpdate: r.thisUpdate,
    nextUpdate: r.nextUpdate,
  });
}

export function parseOcspResponse(respDer: Uint8Array): ParsedOcspResponse {
  let resp: pkijs.OCSPResponse;
  try {
    resp = new pkijs.OCSPResponse({ schema: parseDer(respDer, 'OCSP_INVALID', 'OCSP response') });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('OCSP_INVALID', `not an OCSP response: ${(e as Error).message}`, { cause: e });
  }
  const status = STATUS[resp.responseStatus.valueBlock.valueDec];
  if (!status) throw new PkiError('OCSP_INVALID', `unknown OCSP response status ${resp.responseStatus.valueBlock.valueDec}`);
  const empty = {
    der: new Uint8Array(respDer),
    responseStatus: status,
    responderKeyHash: undefined,
    responderName: undefined,
    producedAt: undefined,
    responses: Object.freeze([]),
    certificates: Object.freeze([]),
    nonce: undefined,
    tbsResponseData: undefined,
    signatureAlgorithmOid: undefined,
    signatureValue: undefined,
    signatureValidWith: () => false,
    basic: undefined,
  };
  if (status !== 'successful' || !resp.responseBytes) return Object.freeze(empty);
  if (resp.responseBytes.responseType !== OID.ocspBasic) {
    throw new PkiError('OCSP_INVALID', `unsupported OCSP response type ${resp.responseBytes.responseType}`);
  }
  try {
    const basicDer = toBytes(resp.responseBytes.response.valueBlock.valueHexView);
    const basic = new pkijs.BasicOCSPResponse({ schema: parseDer(basicDer, 'OCSP_INVALID', 'BasicOCSPResponse') });
    const rd = basic.tbsResponseData;
    const rid = rd.responderID as unknown;
    let responderKeyHash: Uint8Array | undefined;
    let responderName: string | undefined;
    if (rid instanceof pkijs.RelativeDistinguishedNames) responderName = formatName(rid);
    else if (rid instanceof asn1js.OctetString) responderKeyHash = toBytes(rid.valueBlock.valueHexView);
    const nonceExt = rd.responseExtensions?.find((e) => e.extnID === OID.ocspNonce);
    const tbs = toBytes(rd.tbsView);
    const sig = toBytes(basic.signature.valueBlock.valueHexView);
    return Object.freeze({
      ...empty,
      responderKeyHash,
      responderName,
      producedAt: rd.producedAt,
      responses: Object.freeze(rd.responses.map(single)),
      certificates: Object.freeze((basic.certs ?? []).map((c) => encodeDer(c.toSchema()))),
      nonce: nonceExt ? nonceFromExtension(nonceExt) : undefined,
      tbsResponseData: tbs,
      signatureAlgorithmOid: basic.signatureAlgorithm.algorithmId,
      signatureValue: sig,
      signatureValidWith: (signerCertificate: Uint8Array) =>
        verifySignature(cachedCertificate(signerCertificate).publicKey, basic.signatureAlgorithm, tbs, sig),
      basic,
    });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('OCSP_INVALID', `malformed BasicOCSPResponse: ${(e as Error).message}`, { cause: e });
  }
}
