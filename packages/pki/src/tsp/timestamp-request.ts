/** RFC 3161 TimeStampReq: building (client) and parsing (server). */

import * as pkijs from 'pkijs';
import { der } from '../asn1/der-writer.js';
import * as asn1js from 'asn1js';
import { encodeDer, oidString, parseDer, toBytes } from '../asn1/bytes.js';
import { PkiError } from '../errors.js';
import { hashFromOid, hashLength } from '../hash.js';
import { hashAlgorithmIdentifier } from '../signature-algorithm.js';
import type { HashAlgorithm } from '../signer.js';

export interface TimestampRequestOptions {
  /** Nonce magnitude (big-endian); encoded as a minimal positive INTEGER. */
  readonly nonce?: Uint8Array;
  readonly certReq?: boolean;
  readonly policyOid?: string;
}

export function createTimestampRequest(imprint: Uint8Array, hash: HashAlgorithm, o: TimestampRequestOptions = {}): Uint8Array {
  if (imprint.length !== hashLength(hash)) throw new PkiError('PKI_INVALID_INPUT', `a ${hash} imprint is ${hashLength(hash)} bytes, got ${imprint.length}`);
  return der.sequence(
    der.small(1),
    der.sequence(encodeDer(hashAlgorithmIdentifier(hash, true).toSchema()), der.octetString(imprint)),
    ...(o.policyOid ? [der.oid(o.policyOid)] : []),
    ...(o.nonce ? [der.integer(o.nonce)] : []),
    ...(o.certReq ? [der.boolean(true)] : []),
  );
}

export interface ParsedTimestampRequest {
  readonly hash: HashAlgorithm | null;
  readonly hashAlgorithmOid: string;
  /** DER of the request's AlgorithmIdentifier, echoed verbatim in the token. */
  readonly hashAlgorithmDer: Uint8Array;
  readonly imprint: Uint8Array;
  readonly policyOid: string | undefined;
  /** Content octets of the nonce INTEGER, echoed verbatim in the token. */
  readonly nonce: Uint8Array | undefined;
  readonly certReq: boolean;
  readonly hasExtensions: boolean;
}

export function parseTimestampRequest(reqDer: Uint8Array): ParsedTimestampRequest {
  let req: pkijs.TimeStampReq;
  let asn: asn1js.AsnType;
  try {
    asn = parseDer(reqDer, 'TSA_INVALID', 'time-stamp request');
    req = new pkijs.TimeStampReq({ schema: asn });
  } catch (e) {
    if (e instanceof PkiError) throw e;
    throw new PkiError('TSA_INVALID', `not a TimeStampReq: ${(e as Error).message}`, { cause: e });
  }
  const oid = req.messageImprint.hashAlgorithm.algorithmId;
  let hash: HashAlgorithm | null = null;
  try {
    hash = hashFromOid(oid);
  } catch (e) {
    if (!(e instanceof PkiError)) throw e;
  }
  return Object.freeze({
    hash,
    hashAlgorithmOid: oid,
    hashAlgorithmDer: encodeDer(req.messageImprint.hashAlgorithm.toSchema()),
    imprint: toBytes(req.messageImprint.hashedMessage.valueBlock.valueHexView),
    policyOid: req.reqPolicy === undefined ? undefined : oidString(findOid(asn as asn1js.Sequence)),
    nonce: req.nonce ? toBytes(req.nonce.valueBlock.valueHexView) : undefined,
    certReq: req.certReq ?? false,
    hasExtensions: (req.extensions?.length ?? 0) > 0,
  });
}

/** Magnitude of INTEGER content octets (leading zero bytes removed), for comparisons. */
export function integerMagnitude(content: Uint8Array): Uint8Array {
  let i = 0;
  while (i < content.length - 1 && content[i] === 0) i++;
  return content.subarray(i);
}

/** The reqPolicy OID: the only OBJECT IDENTIFIER directly inside TimeStampReq. */
function findOid(seq: asn1js.Sequence): asn1js.ObjectIdentifier {
  return seq.valueBlock.value.find((v) => v instanceof asn1js.ObjectIdentifier) as asn1js.ObjectIdentifier;
}
