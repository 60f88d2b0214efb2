/** Interop checks on signed output with independent tools: openssl cms/ts, qpdf --check, pdfsig. */
import { createHash } from 'node:crypto';
import type { FoundSignature } from './inspect.js';
import { signerInfoParts } from './inspect.js';
import { run, writeTemp } from './tools.js';

let counter = 0;

/** `openssl cms -verify` of a signature over its ByteRange bytes; returns stderr+stdout. */
export function opensslCmsVerify(dir: string, sig: FoundSignature): { ok: boolean; output: string } {
  const n = counter++;
  const der = writeTemp(dir, `sig${n}.p7s`, sig.der);
  const content = writeTemp(dir, `sig${n}.bin`, sig.signedBytes);
  const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', der, '-content', content, '-CAfile', `${dir}/root.pem`, '-purpose', 'any', '-out', '/dev/null']);
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

export function opensslCmsPrint(dir: string, der: Uint8Array): string {
  return run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', writeTemp(dir, `print${counter++}.p7s`, der)]).stdout;
}

/** `openssl ts -verify` of the signature timestamp: imprint = SHA-256 of the signature value. */
export function opensslSignatureTimestampVerify(dir: string, sig: FoundSignature): { ok: boolean; output: string } {
  const { signatureValue, token } = signerInfoParts(sig.der);
  if (!token) return { ok: false, output: 'no signature timestamp token' };
  const digest = createHash('sha256').update(signatureValue).digest('hex');
  const path = writeTemp(dir, `tst${counter++}.tst`, token);
  const r = run('openssl', ['ts', '-verify', '-digest', digest, '-in', path, '-token_in', '-CAfile', `${dir}/root.pem`, '-untrusted', `${dir}/tsa-chain.pem`]);
  return { ok: r.status === 0 && (r.stdout + r.stderr).includes('Verification: OK'), output: r.stdout + r.stderr };
}

/** `openssl ts -verify -data`: a document timestamp over its ByteRange. */
export function opensslDocTimestampVerify(dir: string, sig: FoundSignature): { ok: boolean; output: string } {
  const n = counter++;
  const token = writeTemp(dir, `doc${n}.tst`, sig.der);
  const data = writeTemp(dir, `doc${n}.bin`, sig.signedBytes);
  const r = run('openssl', ['ts', '-verify', '-data', data, '-in', token, '-token_in', '-CAfile', `${dir}/root.pem`, '-untrusted', `${dir}/tsa-chain.pem`]);
  return { ok: r.status === 0 && (r.stdout + r.stderr).includes('Verification: OK'), output: r.stdout + r.stderr };
}

export function qpdfCheck(dir: string, pdf: Uint8Array): { ok: boolean; output: string } {
  const r = run('qpdf', ['--check', writeTemp(dir, `check${counter++}.pdf`, pdf)]);
  const output = r.stdout + r.stderr;
  return { ok: r.status === 0 && !/WARNING/i.test(output), output };
}

export function pdfsig(dir: string, nssdir: string, pdf: Uint8Array): string {
  const r = run('pdfsig', ['-nssdir', nssdir, writeTemp(dir, `pdfsig${counter++}.pdf`, pdf)]);
  return r.stdout + r.stderr;
}

/** Number of "Signature is Valid." lines pdfsig prints. */
export function validCount(pdfsigOutput: string): number {
  return (pdfsigOutput.match(/Signature is Valid/g) ?? []).length;
}
