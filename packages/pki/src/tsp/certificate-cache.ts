/**
 * Parsed certificates kept by the SHA-256 of their DER, so a TSA that signs thousands of tokens
 * (and a client that checks them) parses its certificate once instead of once per token.
 */
import { createHash } from 'node:crypto';
import { parseCertificate, type ParsedCertificate } from '../cert/parse-certificate.js';

/** Bounded so a long-running server that meets many certificates does not grow without end. */
const MAX_ENTRIES = 256;
const entries = new Map<string, ParsedCertificate>();

/** parseCertificate, memoised by DER hash (least recently used entries leave first). */
export function cachedCertificate(der: Uint8Array): ParsedCertificate {
  const key = createHash('sha256').update(der).digest('base64');
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  }
  // Parse errors propagate unchanged: nothing is stored for a certificate that does not parse.
  const parsed = parseCertificate(der);
  entries.set(key, parsed);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  return parsed;
}
