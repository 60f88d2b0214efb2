/** Identifier and secret-token generation, injectable so tests can make them predictable. */
import { randomBytes, randomUUID } from 'node:crypto';

export interface IdSource {
  /** A new random UUIDv4 string for a row id. */
  id(): string;
  /** `bytes` random bytes for secrets (tokens, keys). */
  random(bytes: number): Buffer;
}

export const cryptoIds: IdSource = {
  id: () => randomUUID(),
  random: (bytes) => randomBytes(bytes),
};
