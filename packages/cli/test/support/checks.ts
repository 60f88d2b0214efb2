/**
 * The independent verdicts on a signed PDF: poppler's pdfsig (signature and certificate trust),
 * mutool (digest), qpdf (structure), openssl cms (each ByteRange) and openssl ts (each
 * timestamp). Each returns a list of problems; an empty list means the checker is satisfied.
 */
import { createHash, randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findSignatures } from './signatures.js';
import { runTool } from './tools.js';

export interface CheckContext {
  /** NSS db spec (`sql:DIR`) trusting only the test root. */
  nssDb: string;
  /** PEM file of the test root. */
  rootPem: string;
  /** PEM file of every other certificate of the test PKI (CA, TSA…), given to openssl as untrusted. */
  untrustedPem: string;
  /** Scratch folder for extracted pieces. */
  workDir: string;
}

/**
 * pdfsig must call every signature valid and its certificate trusted. Poppler 22.12 cannot
 * validate ETSI.RFC3161 document timestamps (it prints "Signature Type: unknown" and
 * "Unable to validate this type of signature"); those blocks are accepted only when their
 * number equals the document timestamps present, and openssl ts verifies them instead.
 */
export async function pdfsigProblems(
  file: string,
  ctx: CheckContext,
  expected: { signatures: number; documentTimestamps: number },
): Promise<string[]> {
  const result = await runTool('pdfsig', ['-nssdir', ctx.nssDb, file]);
  const blocks = result.stdout.split(/^Signature #\d+:/m).slice(1);
  const problems: string[] = [];
  const total = expected.signatures + expected.documentTimestamps;
  if (blocks.length !== total) problems.push(`pdfsig lists ${blocks.length} signatures, expected ${total}`);
  const timestampBlocks = blocks.filter((b) => b.includes('Signature Type: unknown'));
  if (timestampBlocks.length !== expected.documentTimestamps) {
    problems.push(`pdfsig shows ${timestampBlocks.length} unverifiable blocks, expected ${expected.documentTimestamps} document timestamps`);
  }
  blocks.forEach((block, i) => {
    if (block.includes('Signature Type: unknown')) return;
    if (!block.includes('Signature is Valid')) problems.push(`pdfsig #${i + 1}: ${line(block, 'Signature Validation')}`);
    if (!block.includes('Certificate is Trusted')) problems.push(`pdfsig #${i + 1}: ${line(block, 'Certificate Validation')}`);
  });
  if (problems.length > 0) problems.push(`pdfsig output:\n${result.stdout}${result.stderr}`);
  return problems;
}

export async function mutoolProblems(file: string): Promise<string[]> {
  const result = await runTool('mutool', ['sign', '-v', file]);
  const output = `${result.stdout}${result.stderr}`;
  const problems = output.split('\n').filter((l) => /digest error|signature is invalid|not verif/i.test(l));
  return problems.map((p) => `mutool: ${p.trim()}`);
}

export async function qpdfProblems(file: string): Promise<string[]> {
  const result = await runTool('qpdf', ['--check', file]);
  if (result.code === 0 && !/warning|error:/i.test(result.stdout + result.stderr)) return [];
  return [`qpdf --check exited ${result.code}: ${result.stdout}${result.stderr}`];
}

/** openssl cms -verify on every ByteRange, openssl ts -verify on every timestamp. */
export async function opensslProblems(pdf: Uint8Array, ctx: CheckContext): Promise<string[]> {
  const problems: string[] = [];
  const scratch = join(ctx.workDir, `openssl-${randomBytes(6).toString('hex')}`);
  const file = (name: string) => `${scratch}-${name}`;
  const signatures = findSignatures(pdf);
  try {
    for (const [i, sig] of signatures.entries()) {
      await writeFile(file(`${i}.p7s`), sig.cms);
      await writeFile(file(`${i}.data`), sig.signedBytes);
      if (sig.isDocumentTimestamp) {
        const ts = await runTool('openssl', [
          'ts', '-verify', '-data', file(`${i}.data`), '-in', file(`${i}.p7s`), '-token_in',
          '-CAfile', ctx.rootPem, '-untrusted', ctx.untrustedPem,
        ]);
        if (ts.code !== 0) problems.push(`openssl ts (document timestamp #${i + 1}): ${ts.stdout}${ts.stderr}`);
        continue;
      }
      const cms = await runTool('openssl', [
        'cms', '-verify', '-binary', '-inform', 'DER', '-in', file(`${i}.p7s`), '-content', file(`${i}.data`),
        '-CAfile', ctx.rootPem, '-purpose', 'any', '-out', '/dev/null',
      ]);
      if (cms.code !== 0) problems.push(`openssl cms (signature #${i + 1}): ${cms.stdout}${cms.stderr}`);
      for (const [j, stamp] of sig.signatureTimestamps.entries()) {
        await writeFile(file(`${i}-${j}.tst`), stamp.token);
        const digest = createHash('sha256').update(stamp.signatureValue).digest('hex');
        const ts = await runTool('openssl', [
          'ts', '-verify', '-digest', digest, '-in', file(`${i}-${j}.tst`), '-token_in',
          '-CAfile', ctx.rootPem, '-untrusted', ctx.untrustedPem,
        ]);
        if (ts.code !== 0) problems.push(`openssl ts (signature #${i + 1} timestamp): ${ts.stdout}${ts.stderr}`);
      }
    }
  } finally {
    for (const [i, sig] of signatures.entries()) {
      for (const name of [`${i}.p7s`, `${i}.data`, ...sig.signatureTimestamps.map((_, j) => `${i}-${j}.tst`)]) {
        await rm(file(name), { force: true });
      }
    }
  }
  return problems;
}

function line(block: string, label: string): string {
  return block.split('\n').find((l) => l.includes(label))?.trim() ?? `no "${label}" line`;
}
