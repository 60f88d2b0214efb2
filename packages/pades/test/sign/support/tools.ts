/** Runs the external interop tools (openssl, qpdf, pdfsig, certutil, gs) with clear failures when one is missing. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(tool: string, args: readonly string[], input?: Uint8Array): ToolResult {
  const r = spawnSync(tool, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const e = r.error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new Error(`required tool "${tool}" is not installed (needed by this test)`);
    throw r.error;
  }
  return { status: r.status ?? -1, stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('latin1') };
}

export function tempDir(prefix = 'paraphe-sign-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, data: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** An NSS database trusting `rootPem`, for pdfsig. */
export function nssDbTrusting(dir: string, rootPem: string): string {
  const db = join(dir, 'nss');
  run('mkdir', ['-p', db]);
  const init = run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  if (init.status !== 0) throw new Error(`certutil -N failed: ${init.stderr}`);
  const rootPath = writeTemp(dir, 'nss-root.pem', rootPem);
  const add = run('certutil', ['-A', '-d', `sql:${db}`, '-n', 'root', '-t', 'CT,C,C', '-i', rootPath]);
  if (add.status !== 0) throw new Error(`certutil -A failed: ${add.stderr}`);
  return `sql:${db}`;
}
