/**
 * RFC 3161 client: asks a TSA for a token over an imprint and returns it only after checking
 * status, nonce, imprint, TSA certificate usage and signature.
 */
import { PkiError } from '../errors.js';
import { defaultRandom, randomSerial, type RandomSource } from '../random.js';
import type { HashAlgorithm } from '../signer.js';
import { parseTimestampResponse } from './parse-timestamp-token.js';
import { httpPost } from './http-post.js';
import { createTimestampRequest } from './timestamp-request.js';
import { verifyTimestampToken } from './verify-timestamp-token.js';

/** Sends a DER TimeStampReq and resolves with the DER TimeStampResp. */
export type TimestampTransport = (requestDer: Uint8Array) => Promise<Uint8Array>;

export interface RequestTimestampOptions {
  /** TSA URL (HTTP POST application/timestamp-query); or give `transport`. */
  readonly url?: string;
  readonly transport?: TimestampTransport;
  /** Nonce magnitude; default 64 random bits. Pass null to send no nonce. */
  readonly nonce?: Uint8Array | null;
  readonly certReq?: boolean;
  readonly policyOid?: string;
  /** Needed when certReq is false and the TSA therefore does not embed its certificate. */
  readonly tsaCertificate?: Uint8Array;
  readonly fetch?: typeof globalThis.fetch;
  readonly random?: RandomSource;
}

/**
 * HTTP transport per RFC 3161 §3.4. Without `fetchImpl` it uses node:http with a keep-alive
 * agent (one connection reused across tokens); with it, the given fetch.
 */
export function httpTimestampTransport(url: string, fetchImpl?: typeof globalThis.fetch): TimestampTransport {
  const headers = { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' };
  return async (requestDer) => {
    let status: number;
    let body: Uint8Array;
    try {
      if (fetchImpl) {
        const res = await fetchImpl(url, { method: 'POST', headers, body: Buffer.from(requestDer) });
        status = res.status;
        body = new Uint8Array(await res.arrayBuffer());
      } else {
        ({ status, body } = await httpPost(url, headers, requestDer));
      }
    } catch (e) {
      throw new PkiError('TSA_HTTP', `cannot reach TSA ${url}: ${(e as Error).message}`, { cause: e });
    }
    if (status !== 200) {
      const text = Buffer.from(body.subarray(0, 300)).toString('utf8').replace(/[^\x20-\x7e]+/g, ' ');
      throw new PkiError('TSA_HTTP', `TSA ${url} answered HTTP ${status}: ${text}`);
    }
    return body;
  };
}

/** Returns the TimeStampToken (ContentInfo DER) for `imprint`, checked. */
export async function requestTimestamp(imprint: Uint8Array, hash: HashAlgorithm, o: RequestTimestampOptions): Promise<Uint8Array> {
  const transport = o.transport ?? (o.url ? httpTimestampTransport(o.url, o.fetch) : undefined);
  if (!transport) throw new PkiError('PKI_INVALID_INPUT', 'requestTimestamp needs url or transport');
  const nonce = o.nonce === null ? undefined : (o.nonce ?? randomSerial(o.random ?? defaultRandom, 8));
  const certReq = o.certReq ?? true;
  const req = createTimestampRequest(imprint, hash, { nonce, certReq, policyOid: o.policyOid });
  const resp = parseTimestampResponse(await transport(req));
  if (resp.status !== 0 && resp.status !== 1) {
    throw new PkiError('TSA_REJECTED', `TSA refused the request (status ${resp.status}${resp.statusText ? `: ${resp.statusText}` : ''}${resp.failureBits.length ? `, failInfo bits ${resp.failureBits.join(',')}` : ''})`);
  }
  if (!resp.token) throw new PkiError('TSA_REJECTED', 'TSA granted the request but sent no token');
  verifyTimestampToken(resp.token, { imprint, hash, nonce, tsaCertificate: o.tsaCertificate });
  return resp.token;
}
