/** OCSP requests (RFC 6960 §4.1): building (client) and parsing (responder). */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { der } from '../asn1/der-writer.js';
import { parseDer, toBytes } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { PkiError } from '../errors.js';
import { defaultRandom, type RandomSource } from '../random.js';
import { certIdFromSchema, createCertId, type CertIdHash, type OcspCertId } from './cert-id.js';

export interface OcspRequestOptions {
  /** Nonce bytes, or true for 16 random bytes; absent = no nonce. */
  readonly nonce?: Uint8Array | boolean;
  readonly hash?: CertIdHash;
  readonly random?: RandomSource;
}

/** DER of a nonce extension: extnValue wraps the nonce in an OCTET STRING (RFC 8954). */
export function nonceExtension(nonce: Uint8Array): Uint8Array {
  return der.sequence(der.oid(OID.ocspNonce), der.octetString(der.octetString(nonce)));
}

/** Nonce bytes from an extension value: the inner OCTET STRING's content, or the raw value (some old clients). */
export function nonceFromExtension(ext: pkijs.Extension): Uint8Array {
  const raw = toBytes(ext.extnValue.valueBlock.valueHexView);
  const inner = asn1js.fromBER(raw.slice().buffer);
  if (inner.offset === raw.length && inner.result instanceof asn1js.OctetString) return toBytes(inner.result.valueBlock.valueHexView);
  return raw;
}

export function createOcspRequest(certificate: Uint8Array, issuer: Uint8Array, o: OcspRequestOptions = {}): Uint8Array {
  const id = createCertId(certificate, issuer, o.hash ?? 'SHA-1');
  const nonce = o.nonce === true ? (o.random ?? defaultRandom)(16) : o.nonce || undefined;
  const tbs = der.sequence(der.sequence(der.sequence(id.der)), ...(nonce ? [der.explicit(2, der.sequence(nonceExtension(nonce)))] : []));
  return der.sequence(tbs);
}

export interface ParsedOcspRequest {
  readonly certIds: readonly OcspCertId[];
  readonly nonce: Uint8Array | undefined;
  readonly signed: boolean;
}

export function parseOcspRequest(reqDer: Uint8Array): ParsedOcspRequest {
  try {
    const schema = parseDer(reqDer, 'OCSP_INVALID', 'OCSP request');
    const req = new pkijs.OCSPRequest({ schema });
    const nonceExt = req.tbsRequest.requestExtensions?.find((e) => e.extnID === OID.ocspNonce);
    const certIds = req.tbsRequest.requestList.map((r) => certIdFromSchema(r.reqCert.toSchema()));
    // Re-read the exact CertID bytes from the request so responses echo them verbatim.
    const tbs = (schema as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const list = tbs.valueBlock.value.find((v) => v instanceof asn1js.Sequence) as asn1js.Sequence;
    const exact = list.valueBlock.value.map((r) => certIdFromSchema((r as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence));
    if (certIds.length === 0) throw new PkiError('OCSP_INVALID', 'OCSP request names no certificate');
    return Object.freeze({
      certIds: Object.freeze(exact),
      nonce: nonceExt ? nonceFromExtension(nonceExt) : undefined,
      signed: req.optionalSignature !== undefined,
    });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('OCSP_INVALID', `malformed OCSP request: ${(e as Error).message}`, { cause: e });
  }
}
