/**
 * Wraps a caller's timestamper so every failure becomes SIGN_TSA_FAILED with its reason, and a
 * token for another imprint (a confused or hostile TSA) is refused rather than embedded.
 */
import type { HashAlgorithm } from '@paraphe/pki';
import { markSingleDerObject, type Timestamper } from '../cms/build-signed-data.js';
import { digestOid } from '../cms/algorithms.js';
import { readTimestampToken } from '../cms/read-timestamp-token.js';
import { equalBytes } from '../dss/bytes-key.js';
import { SignError } from './sign-error.js';

export function checkedTimestamper(timestamper: Timestamper): Timestamper {
  return async (imprint: Uint8Array, hash: HashAlgorithm) => {
    let token: Uint8Array;
    try {
      token = await timestamper(imprint, hash);
    } catch (e) {
      if (e instanceof SignError) throw e;
      throw new SignError('SIGN_TSA_FAILED', `time-stamping authority failed: ${(e as Error).message}`, e);
    }
    let info;
    try {
      info = readTimestampToken(token);
    } catch (e) {
      throw new SignError('SIGN_TSA_FAILED', `time-stamping authority returned an unreadable token: ${(e as Error).message}`, e);
    }
    if (info.imprintAlgorithm !== digestOid(hash) || !equalBytes(info.imprint, imprint)) {
      throw new SignError('SIGN_TSA_FAILED', 'time-stamping authority returned a token for another imprint');
    }
    // Decoded whole just above: spare the SignedData builder a second decoding of it.
    if (info.derLength === token.length) markSingleDerObject(token);
    return token;
  };
}
