/** The local TSA round trip alone (request, token creation, response checks): the part of B-T no signer controls. */
import { createHash, randomBytes } from 'node:crypto';
import { requestTimestamp } from '@paraphe/pki';
import type { BenchConfig, SignOne } from '../config.js';

export function tsaRoundTrip(config: BenchConfig): SignOne {
  return async () => {
    await requestTimestamp(createHash('sha256').update(randomBytes(32)).digest(), 'SHA-256', { url: config.tsaUrl });
  };
}
