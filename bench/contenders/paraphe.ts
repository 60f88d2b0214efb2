/** Paraphe in-process: signPdf at B-B, or at B-T with the local TSA. */
import { readFile, writeFile } from 'node:fs/promises';
import { signPdf } from '@paraphe/pades';
import { loadPkcs12, requestTimestamp } from '@paraphe/pki';
import type { BenchConfig, SignOne } from '../config.js';

export async function paraphe(config: BenchConfig, level: 'B-B' | 'B-T'): Promise<SignOne> {
  const { signer } = await loadPkcs12(await readFile(config.p12), config.password);
  const timestamper =
    level === 'B-T'
      ? (imprint: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512') => requestTimestamp(imprint, hash, { url: config.tsaUrl })
      : undefined;
  return async (input, output) => {
    const signed = await signPdf(new Uint8Array(await readFile(input)), { signer, level, timestamper });
    await writeFile(output, signed);
  };
}
