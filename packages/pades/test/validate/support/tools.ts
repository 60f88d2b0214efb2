/** Runs the external tools the validation tests use, failing with a clear message when one is missing. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tool(name: string, args: readonly string[], input?: Uint8Array): string {
  const r = spawnSync(name, args, { input, encoding: 'latin1', maxBuffer: 64 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`external tool "${name}" is not installed (needed by this test)`);
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return `${r.stdout}${r.stderr}`;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'paraphe-validate-'));
}

export function write(dir: string, name: string, data: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}
