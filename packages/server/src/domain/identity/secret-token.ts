/**
 * Opaque secrets handed to clients (session ids, CSRF tokens, API tokens): random,
 * URL-safe, stored only as their SHA-256 so a database leak does not leak live credentials.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** 32 random bytes (256 bits) as base64url, optionally behind a readable prefix such as `pt_`. */
export function newSecret(random: (bytes: number) => Buffer, prefix = ''): string {
  return prefix + random(32).toString('base64url');
}

/** What the database keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two secrets without leaking, through timing, how many leading characters match. */
export function secretsEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
