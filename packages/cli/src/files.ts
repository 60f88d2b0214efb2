/**
 * Reading inputs with coded errors, and writing outputs atomically: a temporary file in the
 * destination folder renamed over the target, so OUT is either absent or complete.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError } from './cli-error.js';

/** Reads a whole file; a missing or unreadable file becomes a CliError naming the path. */
export async function readInput(path: string, what = 'input file'): Promise<Uint8Array> {
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('CLI_FILE_NOT_FOUND', `${what} not found: ${path}`);
    throw new CliError('CLI_FILE_UNREADABLE', `cannot read ${what} ${path}: ${code ?? String(error)}`);
  }
}

/** The temporary name used next to `target` while it is being written. */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
}

/** Writes `chunks` to `target` via a synced temporary file and a rename; cleans up on failure. */
export async function writeAtomically(target: string, chunks: readonly Uint8Array[]): Promise<void> {
  const temporary = temporaryPathFor(target);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      for (const chunk of chunks) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined); // the temporary may not exist; the original error matters
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError('CLI_WRITE', `cannot write ${target}: ${code ?? (error as Error).message}`);
  }
}

/** Fails early, with the path in the message, when an input a library will open is missing. */
export async function assertReadable(path: string, what = 'input file'): Promise<void> {
  const { access, stat } = await import('node:fs/promises');
  try {
    await access(path);
  } catch {
    throw new CliError('CLI_FILE_NOT_FOUND', `${what} not found: ${path}`);
  }
  if ((await stat(path)).isDirectory()) throw new CliError('CLI_FILE_UNREADABLE', `${what} is a directory: ${path}`);
}
