/**
 * NSS databases for poppler's pdfsig: one trusting only the test root (for verification), one
 * holding a person's key imported from PKCS#12 (for `pdfsig -add-signature` inputs).
 */
import { mkdir } from 'node:fs/promises';
import { runToolOk } from './tools.js';

/**
 * An NSS db in `dir` whose only trust anchor is `rootPem` (a file path); `knownPems` are added
 * with no trust at all (",,"). Returns the `sql:` spec.
 *
 * Why known certificates: poppler 22.12 (with NSS 3.87) has a use-after-free. For each
 * signature it creates NSS temporary certificates from the CMS with copyDER off, so they point
 * into the CMS decoder's arena, then frees that arena while the certificates stay in NSS's
 * temporary store. When a later signature carries the same certificate, NSS compares it
 * byte-wise with the freed bytes (valgrind: "Invalid read … CERT_NewTempCertificate … block
 * free'd by PORT_FreeArena"); once the heap has reused them the comparison fails,
 * CERT_PKIXVerifyCert fails with SEC_ERROR_REUSED_ISSUER_AND_SERIAL (-8054) and pdfsig prints
 * "Unknown issue with Certificate or corrupted data". Whether the memory was reused depends
 * on allocation sizes (timestamp tokens, key sizes), hence "intermittent"; a file signed twice
 * by pdfsig itself with one certificate fails the same way. A certificate already in the
 * database is found there first and the dangling copy is never compared, so the verdict is
 * stable. Trust still comes only from the root.
 */
export async function createTrustDb(dir: string, rootPem: string, knownPems: readonly string[] = []): Promise<string> {
  await mkdir(dir, { recursive: true });
  const db = `sql:${dir}`;
  await runToolOk('certutil', ['-N', '-d', db, '--empty-password']);
  await runToolOk('certutil', ['-A', '-d', db, '-n', 'paraphe-test-root', '-t', 'CT,C,C', '-i', rootPem]);
  for (const [i, pem] of knownPems.entries()) await runToolOk('certutil', ['-A', '-d', db, '-n', `known-${i}`, '-t', ',,', '-i', pem]);
  return db;
}

/** An NSS db holding the key and certificates of `p12Path`; returns the db spec and the key's nickname. */
export async function createSigningDb(
  dir: string,
  p12Path: string,
  password: string,
): Promise<{ db: string; nickname: string }> {
  await mkdir(dir, { recursive: true });
  const db = `sql:${dir}`;
  await runToolOk('certutil', ['-N', '-d', db, '--empty-password']);
  await runToolOk('pk12util', ['-i', p12Path, '-d', db, '-W', password, '-K', '']);
  const listed = await runToolOk('pdfsig', ['-nssdir', db, '-list-nicks']);
  const nickname = listed.stdout
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0 && !/^(list|certificate nicknames|nicknames)/i.test(line));
  if (!nickname) throw new Error(`no signing key found in ${dir}:\n${listed.stdout}`);
  return { db, nickname };
}

/** Signs `input` with pdfsig (adbe.pkcs7.detached, the signature kind poppler writes). */
export async function pdfsigSign(db: { db: string; nickname: string }, input: string, out: string): Promise<string> {
  await runToolOk('pdfsig', [
    '-nssdir', db.db, '-add-signature', '-nick', db.nickname,
    '-new-signature-field-name', 'PopplerSignature', '-reason', 'interop input', input, out,
  ]);
  return out;
}
