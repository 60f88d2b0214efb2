/**
 * The server master key and AES-256-GCM key wrapping. Keys the server holds on its own behalf
 * (built-in CA, TSA, OCSP, departmental seals) are stored only wrapped by it. The key comes
 * from PARAPHE_MASTER_KEY or from `<data>/master.key`, generated with mode 0600 on first start.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config/config.js';
import { ConfigError } from '../../errors.js';

export class KeyWrapError extends Error {
  override readonly name = 'KeyWrapError';
  readonly code = 'KEY_UNWRAP_FAILED';
}

/** Wraps and unwraps secrets under the master key; `label` binds a wrapped value to its use (AAD). */
export interface KeyWrap {
  wrap(plaintext: Uint8Array, label: string): string;
  unwrap(wrapped: string, label: string): Buffer;
}

const FORMAT = 'aes256gcm-v1';

export function loadMasterKey(config: Pick<Config, 'masterKey' | 'masterKeyFile'>, random: (n: number) => Buffer = randomBytes): { key: Buffer; generated: boolean } {
  if (config.masterKey) return { key: config.masterKey, generated: false };
  const file = config.masterKeyFile;
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) chmodSync(file, 0o600); // a copied file may have lost its permissions
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError(`${file} does not hold a 32-byte base64 key`);
    return { key, generated: false };
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = random(32);
  // 'wx': never replace a key another process just wrote; losing it would make every wrapped key unreadable.
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}

export function aesGcmKeyWrap(key: Buffer, random: (n: number) => Buffer = randomBytes): KeyWrap {
  if (key.length !== 32) throw new ConfigError('the master key must be 32 bytes');
  return {
    wrap(plaintext, label) {
      const iv = random(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(label, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    unwrap(wrapped, label) {
      const [format, iv, tag, body] = wrapped.split('.');
      if (format !== FORMAT || !iv || !tag || body === undefined) throw new KeyWrapError('not a wrapped key of a known format');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(label, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
      } catch (error) {
        throw new KeyWrapError(`cannot unwrap "${label}": wrong master key or altered data (${(error as Error).message})`);
      }
    },
  };
}
