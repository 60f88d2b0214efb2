/**
 * Signing profile harness: signs the benchmark documents in a loop at B-B or B-T (in memory, no
 * file I/O) so `node --cpu-prof` shows where per-document time goes beyond the crypto.
 * Usage: node --import tsx [--cpu-prof] bench/profile-sign.ts B-B|B-T [rounds]
 */
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signPdf } from '@paraphe/pades';
import { keySigner, requestTimestamp } from '@paraphe/pki';
import { certificatesFromBytes } from '../packages/cli/src/pem.js';
import { makeBenchInputs } from './inputs.js';
import { prepareBenchPki } from './pki.js';

const level = (process.argv[2] ?? 'B-B') as 'B-B' | 'B-T';
const rounds = Number(process.argv[3] ?? 10);
const work = await mkdtemp(join(tmpdir(), 'paraphe-profile-'));
try {
  const inputs = await makeBenchInputs(join(work, 'inputs'));
  const pki = await prepareBenchPki(join(work, 'pki'));
  const certificate = certificatesFromBytes(await readFile(pki.files.certificatePem), 'signer')[0] as Uint8Array;
  const chain = certificatesFromBytes(await readFile(pki.files.chainPem), 'chain');
  const signer = keySigner(createPrivateKey(await readFile(pki.files.keyPem)), certificate, chain);
  const timestamper =
    level === 'B-T' ? (imprint: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512') => requestTimestamp(imprint, hash, { url: pki.tsaUrl }) : undefined;
  const docs = await Promise.all(inputs.map(async (i) => new Uint8Array(await readFile(i.path))));
  for (const d of docs) await signPdf(d, { signer, level, timestamper }); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const d of docs) {
      const t0 = performance.now();
      await signPdf(d, { signer, level, timestamper });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`${level}: median ${times[Math.floor(times.length / 2)]?.toFixed(2)} ms over ${times.length} signatures\n`);
  await pki.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
