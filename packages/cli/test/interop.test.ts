/**
 * The interop matrix: inputs written by independent tools, each signed at every PAdES level by
 * two signers in turn (RSA, then ECDSA) through the CLI's `run` (in this process: cli.test.ts
 * covers the child-process path), against the development PKI with a local TSA and OCSP
 * responder; every output must satisfy pdfsig (valid + trusted, NSS trusting only the test
 * root), mutool (no digest error), qpdf --check, openssl cms (each ByteRange) and openssl ts
 * (each timestamp). The last file of a chain holds every signature, so earlier signatures are
 * checked after each later one.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutoolProblems, opensslProblems, pdfsigProblems, qpdfProblems, type CheckContext } from './support/checks.js';
import { runCliInProcess } from './support/cli.js';
import { ghostscriptPdf, makeHybrid, qpdfLinearized, qpdfObjectStreams } from './support/inputs.js';
import { createSigningDb, createTrustDb, pdfsigSign } from './support/nss.js';
import { findSignatures } from './support/signatures.js';
import { startTestPki, type TestPki } from './support/test-pki.js';

const LEVELS = ['B-B', 'B-T', 'B-LT', 'B-LTA'] as const;
const INPUTS = ['gs-classic', 'qpdf-object-streams', 'qpdf-linearized', 'hybrid', 'pdfsig-signed'] as const;
type InputKind = (typeof INPUTS)[number];

let work: string;
let pki: TestPki;
let ctx: CheckContext;
const inputs = new Map<InputKind, string>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'paraphe-interop-'));
  pki = await startTestPki(join(work, 'pki'));
  ctx = { nssDb: '', rootPem: pki.rootPem, untrustedPem: pki.untrustedPem, workDir: work };

  const src = join(work, 'inputs');
  await mkdir(src, { recursive: true });
  const classic = await ghostscriptPdf(src, 'gs-classic', 3);
  inputs.set('gs-classic', classic);
  inputs.set('qpdf-object-streams', await qpdfObjectStreams(classic, join(src, 'qpdf-object-streams.pdf')));
  inputs.set('qpdf-linearized', await qpdfLinearized(classic, join(src, 'qpdf-linearized.pdf')));
  inputs.set('hybrid', await makeHybrid(classic, join(src, 'hybrid.pdf')));
  // RSA: poppler 22.12 intermittently fails ("unable update signature") with the ECDSA key.
  const signingDb = await createSigningDb(join(work, 'nss-sign'), pki.alice.p12, pki.alice.password);
  inputs.set('pdfsig-signed', await pdfsigSign(signingDb, classic, join(src, 'pdfsig-signed.pdf')));
});

afterAll(async () => {
  await pki?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function sign(input: string, output: string, who: TestPki['alice'], level: string): Promise<void> {
  const tsa = level === 'B-B' ? [] : ['--tsa', pki.tsaUrl];
  const result = await runCliInProcess(['sign', input, '-o', output, '--p12', who.p12, '--level', level, ...tsa], {
    PARAPHE_P12_PASSWORD: who.password,
  });
  expect(result.code, `sign ${input} at ${level}: ${result.stderr}`).toBe(0);
}

async function allProblems(
  file: string,
  expected: { signatures: number; documentTimestamps: number; withTimestamp?: number },
): Promise<string[]> {
  const bytes = new Uint8Array(await readFile(file));
  const found = findSignatures(bytes);
  const timestamps = found.filter((s) => s.isDocumentTimestamp).length;
  // One NSS database per check (pdfsig processes share nothing), trusting only the root.
  const nssDb = await createTrustDb(`${file}.nss`, pki.rootPem, pki.knownPems);
  const checks = await Promise.all([
    pdfsigProblems(file, { ...ctx, nssDb }, expected),
    mutoolProblems(file),
    qpdfProblems(file),
    opensslProblems(bytes, ctx),
  ]);
  const problems = checks.flat();
  if (found.length - timestamps !== expected.signatures || timestamps !== expected.documentTimestamps) {
    problems.unshift(`found ${found.length - timestamps} signatures + ${timestamps} document timestamps, expected ${JSON.stringify(expected)}`);
  }
  const withoutTimestamp = found.filter((s) => !s.isDocumentTimestamp && s.signatureTimestamps.length === 0).length;
  if (expected.withTimestamp !== undefined && found.length - timestamps - withoutTimestamp !== expected.withTimestamp) {
    problems.push(`expected ${expected.withTimestamp} signatures carrying a signature timestamp`);
  }
  return problems;
}

describe.concurrent('interop matrix: input × level, RSA then ECDSA signer', () => {
  for (const kind of INPUTS) {
    for (const level of LEVELS) {
      it(`${kind} at ${level}`, async () => {
        const input = inputs.get(kind) as string;
        const first = join(work, `${kind}-${level}-1.pdf`);
        const second = join(work, `${kind}-${level}-2.pdf`);
        await sign(input, first, pki.alice, level);
        await sign(first, second, pki.benoit, level);
        const existing = kind === 'pdfsig-signed' ? 1 : 0;
        const stamps = level === 'B-LTA' ? 1 : 0; // B-LTA adds a document timestamp after each signature
        const stamped = level === 'B-B' ? 0 : 1; // from B-T up each of our signatures carries a signature timestamp
        const [afterFirst, afterSecond] = await Promise.all([
          allProblems(first, { signatures: existing + 1, documentTimestamps: stamps, withTimestamp: stamped }),
          allProblems(second, { signatures: existing + 2, documentTimestamps: 2 * stamps, withTimestamp: 2 * stamped }),
        ]);
        expect(afterFirst, afterFirst.join('\n')).toEqual([]);
        expect(afterSecond, afterSecond.join('\n')).toEqual([]);
      }, 180_000); // generous: the checkers are separate processes and CI machines are shared
    }
  }
});

describe('one certificate signing twice', () => {
  // The case pdfsig 22.12 reported as "Unknown issue with Certificate" on a fresh NSS database
  // (its temporary-certificate use-after-free, see support/nss.ts): both signatures must be
  // valid and trusted, and each CMS must carry the signer's certificate byte for byte.
  it('B-T by the same person twice', async () => {
    const first = join(work, 'same-signer-1.pdf');
    const second = join(work, 'same-signer-2.pdf');
    await sign(inputs.get('gs-classic') as string, first, pki.alice, 'B-T');
    await sign(first, second, pki.alice, 'B-T');
    const problems = await allProblems(second, { signatures: 2, documentTimestamps: 0, withTimestamp: 2 });
    expect(problems, problems.join('\n')).toEqual([]);
    const aliceDer = pemBody(await readFile(pki.alice.certificatePem, 'utf8'));
    for (const found of findSignatures(new Uint8Array(await readFile(second)))) {
      expect(Buffer.from(found.cms).includes(aliceDer), 'the CMS holds the exact certificate bytes').toBe(true);
    }
  }, 180_000);
});

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
