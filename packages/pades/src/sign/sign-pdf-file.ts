/**
 * File-to-file signing that never leaves a half-written output: the result goes to a temporary
 * file in the output's folder, then is renamed over OUT. The input is read once; for B-B/B-T it
 * is never concatenated with the update (memory stays near one copy of the file).
 */
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { concatBytes } from '../cms/der.js';
import { SignError, mapPdfErrors } from './sign-error.js';
import { extendToLevel, prepareSignature } from './sign-pdf.js';
import type { SignOptions } from './sign-options.js';

export async function signPdfFile(inPath: string, outPath: string, options: SignOptions): Promise<void> {
  let input: Uint8Array;
  try {
    input = await readFile(inPath);
  } catch (e) {
    throw new SignError('SIGN_NOT_PDF', `cannot read ${inPath}: ${(e as Error).message}`, e);
  }
  const pieces = await mapPdfErrors(async () => {
    const { level, signature } = await prepareSignature(input, options);
    if (level === 'B-B' || level === 'B-T') return [input, signature.tail];
    // The DSS and timestamp updates need the signed file parsed as a whole.
    const signed = concatBytes([input, signature.tail]);
    return [signed, ...(await extendToLevel(signed, level, signature, options))];
  });
  await writeAtomically(outPath, pieces);
}

/** Writes `pieces` one after the other to a temporary sibling of `path`, syncs it, then renames it over `path`. */
export async function writeAtomically(path: string, pieces: readonly Uint8Array[]): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      for (const piece of pieces) await handle.writeFile(piece); // writeFile loops until the whole piece is written
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined); // the temp file may not exist; the original error is what matters
    throw new SignError('SIGN_WRITE', `cannot write ${path}: ${(e as Error).message}`, e);
  }
}
