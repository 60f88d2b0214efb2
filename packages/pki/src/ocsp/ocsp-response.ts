/**
 * OCSP responses (RFC 6960 §4.2): a BasicOCSPResponse signed by the responder, responder ID
 * by key hash, responder certificate included, nonce echoed when the request had one.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { der, tlv } from '../asn1/der-writer.js';
import { encodeDer, toArrayBuffer } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { defaultHashFor, type SigningFunction } from '../cert/issue-certificate.js';
import { cachedCertificate } from '../tsp/certificate-cache.js';
import { PkiError } from '../errors.js';
import { reasonCode, type RevocationReason } from '../revocation-reason.js';
import { signatureAlgorithmIdentifier } from '../signature-algorithm.js';
import type { HashAlgorithm } from '../signer.js';
import type { OcspCertId } from './cert-id.js';
import { nonceExtension, parseOcspRequest, type ParsedOcspRequest } from './ocsp-request.js';

export type OcspCertStatus =
  | { readonly status: 'good' }
  | { readonly status: 'revoked'; readonly time: Date; readonly reason?: RevocationReason }
  | { readonly status: 'unknown' };

export interface OcspResponder {
  readonly certificate: Uint8Array;
  readonly signer: SigningFunction;
}

export interface CreateOcspResponseOptions {
  /** DER request or a parsed one; alternatively `certIds`. */
  readonly request?: Uint8Array | ParsedOcspRequest;
  readonly certIds?: readonly OcspCertId[];
  readonly responder: OcspResponder;
  readonly status: (certId: OcspCertId) => OcspCertStatus | Promise<OcspCertStatus>;
  readonly producedAt: Date;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Echo the request nonce (default true when the request has one). */
  readonly includeNonce?: boolean;
  readonly hash?: HashAlgorithm;
  /** Certificates to embed; default: the responder certificate. */
  readonly certificates?: readonly Uint8Array[];
}

export type OcspErrorStatus = 'malformedRequest' | 'internalError' | 'tryLater' | 'sigRequired' | 'unauthorized';

const ERROR_CODES: Record<OcspErrorStatus, number> = { malformedRequest: 1, internalError: 2, tryLater: 3, sigRequired: 5, unauthorized: 6 };

/** An OCSPResponse carrying only an error status (no responseBytes). */
export function createOcspErrorResponse(status: OcspErrorStatus): Uint8Array {
  return der.sequence(encodeDer(new asn1js.Enumerated({ value: ERROR_CODES[status] })));
}

/** GeneralizedTime without fractions: RFC 5280 profile, which RFC 6960 points to. */
function gtime(d: Date): Uint8Array {
  return der.generalizedTime(new Date(Math.floor(d.getTime() / 1000) * 1000));
}

function certStatusDer(s: OcspCertStatus): Uint8Array {
  switch (s.status) {
    case 'good':
      return new Uint8Array([0x80, 0x00]);
    case 'unknown':
      return new Uint8Array([0x82, 0x00]);
    case 'revoked':
      return tlv(
        0xa1,
        gtime(s.time),
        ...(s.reason ? [der.explicit(0, encodeDer(new asn1js.Enumerated({ value: reasonCode(s.reason) })))] : []),
      );
  }
}

export async function createOcspResponse(o: CreateOcspResponseOptions): Promise<Uint8Array> {
  const req = o.request instanceof Uint8Array ? parseOcspRequest(o.request) : o.request;
  const certIds = req?.certIds ?? o.certIds;
  if (!certIds || certIds.length === 0) throw new PkiError('PKI_INVALID_INPUT', 'createOcspResponse needs request or certIds');
  const responderCert = cachedCertificate(o.responder.certificate);
  const keyHash = new Uint8Array(createHash('sha1').update(responderCert.publicKeyBits).digest());

  const singles: Uint8Array[] = [];
  for (const id of certIds) {
    const st = await o.status(id);
    singles.push(
      der.sequence(id.der, certStatusDer(st), gtime(o.thisUpdate), ...(o.nextUpdate ? [der.explicit(0, gtime(o.nextUpdate))] : [])),
    );
  }
  const nonce = (o.includeNonce ?? true) ? req?.nonce : undefined;
  const responseData = der.sequence(
    der.explicit(2, der.octetString(keyHash)), // ResponderID byKey
    gtime(o.producedAt),
    der.sequence(...singles),
    ...(nonce ? [der.explicit(1, der.sequence(nonceExtension(nonce)))] : []),
  );
  const hash = o.hash ?? defaultHashFor(o.responder.signer.scheme);
  const signature = await o.responder.signer.sign(responseData, hash);
  const certs = o.certificates ?? [o.responder.certificate];
  const basic = der.sequence(
    responseData,
    encodeDer(signatureAlgorithmIdentifier(o.responder.signer.scheme, hash).toSchema()),
    encodeDer(new asn1js.BitString({ valueHex: toArrayBuffer(signature) })),
    ...(certs.length ? [der.explicit(0, der.sequence(...certs))] : []),
  );
  return der.sequence(
    encodeDer(new asn1js.Enumerated({ value: 0 })),
    der.explicit(0, der.sequence(der.oid(OID.ocspBasic), der.octetString(basic))),
  );
}
