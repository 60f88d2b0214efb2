/**
 * Password hashing with argon2id (hash-wasm, pure WASM), stored as a PHC string
 * (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) so parameters can be raised later without
 * invalidating existing hashes. Verification compares in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';

export interface Argon2Params {
  /** Memory in KiB. */
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** OWASP's recommended minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
export const DEFAULT_ARGON2_PARAMS: Argon2Params = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };

/** A stored hash that cannot be read: data corruption, never a wrong password. */
export class PasswordHashError extends Error {
  override readonly name = 'PasswordHashError';
  readonly code = 'PASSWORD_HASH_MALFORMED';
}

const SALT_BYTES = 16;
const HASH_BYTES = 32;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password; throws PasswordHashError when the stored text is not an argon2id PHC string. */
  verify(password: string, stored: string): Promise<boolean>;
  /** Hashes against a fixed dummy so that unknown accounts cost the same time as known ones. */
  burn(password: string): Promise<void>;
}

export function argon2Hasher(params: Argon2Params = DEFAULT_ARGON2_PARAMS, random: (n: number) => Buffer = randomBytes): PasswordHasher {
  let dummy: Promise<string> | undefined;
  const hasher: PasswordHasher = {
    async hash(password) {
      if (password.length === 0) throw new PasswordHashError('an empty password cannot be hashed');
      const salt = random(SALT_BYTES);
      const digest = await compute(password, salt, params, HASH_BYTES);
      return encodePhc(params, salt, digest);
    },
    async verify(password, stored) {
      const parsed = decodePhc(stored);
      if (!parsed) throw new PasswordHashError('stored password hash is not an argon2id PHC string');
      // argon2 (hash-wasm) refuses an empty input; spend the same time and say no.
      const empty = password.length === 0;
      const digest = await compute(empty ? 'x' : password, parsed.salt, parsed.params, parsed.hash.length);
      return !empty && digest.length === parsed.hash.length && timingSafeEqual(digest, parsed.hash);
    },
    async burn(password) {
      dummy ??= hasher.hash('paraphe-dummy-password');
      await hasher.verify(password, await dummy);
    },
  };
  return hasher;
}

async function compute(password: string, salt: Buffer, params: Argon2Params, length: number): Promise<Buffer> {
  const out = await argon2id({
    password: password.normalize('NFC'),
    salt,
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength: length,
    outputType: 'binary',
  });
  return Buffer.from(out);
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

export function encodePhc(params: Argon2Params, salt: Buffer, hash: Buffer): string {
  return `$argon2id$v=19$m=${params.memoryKiB},t=${params.iterations},p=${params.parallelism}$${b64(salt)}$${b64(hash)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,})$/;

export function decodePhc(text: string): { params: Argon2Params; salt: Buffer; hash: Buffer } | undefined {
  const m = PHC.exec(text);
  if (!m) return undefined;
  const params = { memoryKiB: Number(m[1]), iterations: Number(m[2]), parallelism: Number(m[3]) };
  if (params.memoryKiB < 8 * params.parallelism || params.iterations < 1 || params.parallelism < 1) return undefined;
  return { params, salt: Buffer.from(m[4]!, 'base64'), hash: Buffer.from(m[5]!, 'base64') };
}
