/** Paraphe in-process: signPdf at B-B, or at B-T with the local TSA (the key is loaded once, untimed). */
import { createPrivateKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { signPdf } from '@paraphe/pades';
import { keySigner, requestTimestamp } from '@paraphe/pki';
import { certificatesFromBytes } from '../../packages/cli/src/pem.js';
import type { BenchConfig, SignOne } from '../config.js';

export async function paraphe(config: BenchConfig, level: 'B-B' | 'B-T'): Promise<SignOne> {
  const certificate = certificatesFromBytes(await readFile(config.certificatePem), 'signer')[0] as Uint8Array;
  const chain = certificatesFromBytes(await readFile(config.chainPem), 'chain');
  const signer = keySigner(createPrivateKey(await readFile(config.keyPem)), certificate, chain);
  const timestamper =
    level === 'B-T'
      ? (imprint: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512') => requestTimestamp(imprint, hash, { url: config.tsaUrl })
      : undefined;
  return async (input, output) => {
    const signed = await signPdf(new Uint8Array(await readFile(input)), { signer, level, timestamper });
    await writeFile(output, signed);
  };
}
