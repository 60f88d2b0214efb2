/**
 * RFC 3161 time-stamping, authority side: builds a TimeStampResp whose token is a CMS
 * SignedData over a TSTInfo, with content-type, message-digest and ESS signing-certificate-v2
 * signed attributes. The time comes from the caller (an injected clock), never from here.
 */
import { der, tlv } from '../asn1/der-writer.js';
import { encodeDer, minimalPositiveInteger } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { defaultHashFor, serialMagnitude } from '../cert/issue-certificate.js';
import { PkiError } from '../errors.js';
import { hashLength } from '../hash.js';
import { defaultRandom } from '../random.js';
import { hashAlgorithmIdentifier } from '../signature-algorithm.js';
import type { HashAlgorithm, Signer } from '../signer.js';
import { buildSignedData } from './cms-signed-data.js';
import { signingCertificateV2Attribute } from './ess.js';
import { parseTimestampRequest } from './timestamp-request.js';

export interface TimestampAuthority {
  readonly certificate: Uint8Array;
  /** Issuing CA first; included in tokens when the request asks for certificates. */
  readonly chain: readonly Uint8Array[];
  readonly signer: Pick<Signer, 'scheme' | 'sign' | 'certificate'>;
}

export interface TimestampAccuracy {
  readonly seconds?: number;
  readonly millis?: number;
  readonly micros?: number;
}

export interface CreateTimestampTokenOptions {
  /** DER TimeStampReq; alternatively give messageImprint + hashAlg (+ nonce, certReq). */
  readonly request?: Uint8Array;
  readonly messageImprint?: Uint8Array;
  readonly hashAlg?: HashAlgorithm;
  /** Nonce magnitude when not taken from `request`. */
  readonly nonce?: Uint8Array;
  readonly certReq?: boolean;
  readonly tsa: TimestampAuthority;
  readonly policyOid: string;
  /** TSTInfo serial number; default 128 random bits. */
  readonly serial?: Uint8Array | bigint;
  readonly genTime: Date;
  readonly accuracy?: TimestampAccuracy;
  /** Hash used to sign the token; default matches the TSA key. */
  readonly signingHash?: HashAlgorithm;
}

/** PKIFailureInfo bits of RFC 3161 §2.4.2. */
export type TimestampFailure = 'badAlg' | 'badRequest' | 'badDataFormat' | 'timeNotAvailable' | 'unacceptedPolicy' | 'unacceptedExtension' | 'addInfoNotAvailable' | 'systemFailure';

const FAILURE_BITS: Record<TimestampFailure, number> = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
};

/** Raised while building a token for a request the TSA must refuse; the server turns it into a rejection. */
export class TimestampRejection extends PkiError {
  readonly failure: TimestampFailure;
  constructor(failure: TimestampFailure, message: string) {
    super('TSA_REJECTED', message);
    this.failure = failure;
  }
}

/** A TimeStampResp with status rejection (2), a failInfo bit and a human-readable reason. */
export function createTimestampRejection(failure: TimestampFailure, text: string): Uint8Array {
  const bit = FAILURE_BITS[failure];
  const bytes = new Uint8Array((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  const failInfo = tlv(0x03, new Uint8Array([7 - (bit & 7)]), bytes);
  const statusString = der.sequence(tlv(0x0c, new Uint8Array(Buffer.from(text, 'utf8'))));
  return der.sequence(der.sequence(der.small(2), statusString, failInfo));
}

function accuracyDer(a: TimestampAccuracy): Uint8Array {
  const parts: Uint8Array[] = [];
  if (a.seconds) parts.push(der.small(a.seconds));
  if (a.millis) parts.push(withTag(der.small(a.millis), 0x80));
  if (a.micros) parts.push(withTag(der.small(a.micros), 0x81));
  return der.sequence(...parts);
}

function withTag(tlvBytes: Uint8Array, tag: number): Uint8Array {
  const out = new Uint8Array(tlvBytes);
  out[0] = tag;
  return out;
}

/** Builds a granted TimeStampResp (DER). Throws TimestampRejection for a request to refuse. */
export async function createTimestampToken(o: CreateTimestampTokenOptions): Promise<Uint8Array> {
  let hashAlgDer: Uint8Array;
  let imprint: Uint8Array;
  let nonceContent: Uint8Array | undefined;
  let certReq: boolean;
  if (o.request) {
    const req = parseTimestampRequest(o.request);
    if (!req.hash) throw new TimestampRejection('badAlg', `unsupported hash algorithm ${req.hashAlgorithmOid}`);
    if (req.imprint.length !== hashLength(req.hash)) throw new TimestampRejection('badDataFormat', 'message imprint length does not match its hash algorithm');
    if (req.policyOid && req.policyOid !== o.policyOid) throw new TimestampRejection('unacceptedPolicy', `policy ${req.policyOid} is not offered`);
    if (req.hasExtensions) throw new TimestampRejection('unacceptedExtension', 'request extensions are not supported');
    hashAlgDer = req.hashAlgorithmDer;
    imprint = req.imprint;
    nonceContent = req.nonce;
    certReq = req.certReq;
  } else {
    if (!o.messageImprint || !o.hashAlg) throw new PkiError('PKI_INVALID_INPUT', 'give either request or messageImprint + hashAlg');
    if (o.messageImprint.length !== hashLength(o.hashAlg)) throw new TimestampRejection('badDataFormat', 'message imprint length does not match its hash algorithm');
    hashAlgDer = encodeDer(hashAlgorithmIdentifier(o.hashAlg, true).toSchema());
    imprint = o.messageImprint;
    nonceContent = o.nonce ? minimalPositiveInteger(o.nonce) : undefined;
    certReq = o.certReq ?? false;
  }

  const tstInfo = der.sequence(
    der.small(1),
    der.oid(o.policyOid),
    der.sequence(hashAlgDer, der.octetString(imprint)),
    der.integer(serialMagnitude(o.serial, defaultRandom)),
    der.generalizedTime(o.genTime),
    ...(o.accuracy ? [accuracyDer(o.accuracy)] : []),
    ...(nonceContent ? [tlv(0x02, nonceContent)] : []),
  );
  const signingHash = o.signingHash ?? defaultHashFor(o.tsa.signer.scheme);
  const token = await buildSignedData({
    eContentType: OID.tstInfo,
    eContent: tstInfo,
    signer: o.tsa.signer,
    hash: signingHash,
    certificates: certReq ? [o.tsa.certificate, ...o.tsa.chain] : [],
    extraSignedAttributes: [signingCertificateV2Attribute(o.tsa.certificate, signingHash)],
  });
  return der.sequence(der.sequence(der.small(0)), token);
}
