/**
 * The time-stamping port: an RFC 3161 token over an imprint. The built-in implementation
 * answers in-process with the built-in TSA; PARAPHE_TSA_URL selects an external TSA instead.
 * Either way the token is checked (imprint, nonce, signature) before it is returned.
 */
import { createTimestampToken, DEFAULT_TSA_POLICY, requestTimestamp, type HashAlgorithm } from '@paraphe/pki';
import type { Clock } from '../clock.js';
import type { PkiIdentity } from '../pki/builtin-pki.js';

/** Resolves to the DER TimeStampToken (CMS ContentInfo) over `imprint`. */
export type Timestamper = (imprint: Uint8Array, hash: HashAlgorithm) => Promise<Uint8Array>;

export function builtinTimestamper(tsa: PkiIdentity, clock: Clock): Timestamper {
  return (imprint, hash) =>
    requestTimestamp(imprint, hash, {
      transport: (request) => createTimestampToken({ request, tsa, policyOid: DEFAULT_TSA_POLICY, genTime: clock() }),
    });
}

export function httpTimestamper(url: string, fetchImpl: typeof globalThis.fetch = globalThis.fetch): Timestamper {
  return (imprint, hash) => requestTimestamp(imprint, hash, { url, fetch: fetchImpl });
}
