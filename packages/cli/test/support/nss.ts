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
 * Why known certificates: when a file carries a poppler signature and then ours by the same
 * person, pdfsig 22.12 intermittently reports "Unknown issue with Certificate" for the later
 * signature on a fresh database (NSS imports the same certificates as temporary ones from each
 * CMS); with the certificates already in the database the verdict is stable. Trust still comes
 * only from the root.
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
