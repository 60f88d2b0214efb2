/** Signed inputs for validation tests: by pdfsig, podofosign and Paraphe's own signer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keySigner } from '@paraphe/pki';
import { signPdf, type SignOptions } from '../../../src/index.js';
import type { TestPki } from './test-pki.js';
import { tool, write } from './tools.js';

export const SIGNING_TIME = new Date('2026-12-03T15:00:00Z');

export function signWithPdfsig(pki: TestPki, input: Uint8Array): Uint8Array {
  const inPath = write(pki.dir, 'pdfsig-in.pdf', input);
  const outPath = join(pki.dir, 'pdfsig-out.pdf');
  tool('pdfsig', ['-add-signature', '-nssdir', `sql:${pki.nss}`, '-nick', 'signer', '-digest', 'SHA256', inPath, outPath]);
  return new Uint8Array(readFileSync(outPath));
}

export function signWithPodofo(pki: TestPki, input: Uint8Array): Uint8Array {
  const inPath = write(pki.dir, 'podofo-in.pdf', input);
  const outPath = join(pki.dir, 'podofo-out.pdf');
  tool('podofosign', ['-in', inPath, '-out', outPath, '-cert', join(pki.dir, 'signer.pem'), '-pkey', join(pki.dir, 'signer.key'), '-digest', 'SHA256']);
  return new Uint8Array(readFileSync(outPath));
}

export function signWithParaphe(pki: TestPki, input: Uint8Array, extra: Partial<SignOptions> = {}): Promise<Uint8Array> {
  return signPdf(input, { signer: keySigner(pki.signerKey, pki.signerDer, [pki.rootDer]), clock: () => SIGNING_TIME, ...extra });
}
