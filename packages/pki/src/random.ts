/** Randomness source, injectable so tests and reproducible builds can pin it. */
import { randomBytes } from 'node:crypto';

export type RandomSource = (length: number) => Uint8Array;

export const defaultRandom: RandomSource = (n) => new Uint8Array(randomBytes(n));

/**
 * A positive serial/nonce magnitude of `bytes` random bytes with at least 64 bits of entropy
 * kept: the first byte is forced into 0x01..0x7f so the DER INTEGER is positive and exactly
 * `bytes` long.
 */
export function randomSerial(random: RandomSource = defaultRandom, bytes = 16): Uint8Array {
  const r = random(bytes);
  r[0] = ((r[0] as number) & 0x7f) | 0x01;
  return r;
}
