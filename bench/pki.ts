/**
 * Keys, certificates and services for the benchmark: the interop test PKI (root → CA → RSA-2048
 * signer, local TSA), the same key as a legacy PKCS#12 for node-forge based peers, NSS databases
 * for pdfsig, and a set of signed 100 KB documents for the validation throughput.
 */
import { createPrivateKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signPdf } from '@paraphe/pades';
import { keySigner } from '@paraphe/pki';
import { writeBigPdf } from '../packages/cli/test/support/big-pdf.js';
import { createSigningDb, createTrustDb } from '../packages/cli/test/support/nss.js';
import { startTestPki } from '../packages/cli/test/support/test-pki.js';
import { runToolOk } from '../packages/cli/test/support/tools.js';
import { certificatesFromBytes } from '../packages/cli/src/pem.js';
import type { BenchConfig } from './config.js';

type PkiFiles = Pick<
  BenchConfig,
  'p12' | 'password' | 'legacyP12' | 'keyPem' | 'certificatePem' | 'chainPem' | 'nssSignDb' | 'nssNickname' | 'nssTrustDb' | 'rootPem'
>;

export async function prepareBenchPki(dir: string) {
  const pki = await startTestPki(dir);
  const alice = pki.alice;
  const legacyP12 = join(dir, 'alice-legacy.p12');
  await runToolOk('openssl', [
    'pkcs12', '-export', '-inkey', alice.keyPem, '-in', alice.certificatePem, '-certfile', alice.chainPem,
    '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1',
    '-out', legacyP12, '-passout', `pass:${alice.password}`,
  ]);
  const signing = await createSigningDb(join(dir, 'nss-sign'), alice.p12, alice.password);
  const nssTrustDb = await createTrustDb(join(dir, 'nss-trust'), pki.rootPem);
  const files: PkiFiles = {
    p12: alice.p12,
    password: alice.password,
    legacyP12,
    keyPem: alice.keyPem,
    certificatePem: alice.certificatePem,
    chainPem: alice.chainPem,
    nssSignDb: signing.db,
    nssNickname: signing.nickname,
    nssTrustDb,
    rootPem: pki.rootPem,
  };

  /** `count` distinct 100 KB documents, each signed once by Paraphe at B-B. */
  async function signValidationSet(out: string, count: number): Promise<string[]> {
    await mkdir(out, { recursive: true });
    const certificate = certificatesFromBytes(await readFile(alice.certificatePem), 'alice')[0] as Uint8Array;
    const chain = certificatesFromBytes(await readFile(alice.chainPem), 'chain');
    const signer = keySigner(createPrivateKey(await readFile(alice.keyPem)), certificate, chain);
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      const input = join(out, `v-${i}.pdf`);
      const signed = join(out, `v-${i}-signed.pdf`);
      await writeBigPdf(input, 100_000);
      await writeFile(signed, await signPdf(new Uint8Array(await readFile(input)), { signer, level: 'B-B' }));
      paths.push(signed);
    }
    return paths;
  }

  return { files, tsaUrl: pki.tsaUrl, signValidationSet, close: () => pki.close() };
}
