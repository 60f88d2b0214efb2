/** The floor no signer can beat: one SHA-256 pass over the file and two RSA-2048 signatures (signature + timestamp). */
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BenchConfig, SignOne } from '../config.js';

export async function cryptoBaseline(config: BenchConfig): Promise<SignOne> {
  const key = createPrivateKey(await readFile(config.keyPem));
  return async (input) => {
    const digest = createHash('sha256').update(await readFile(input)).digest();
    sign('sha256', digest, key);
    sign('sha256', digest, key);
  };
}
