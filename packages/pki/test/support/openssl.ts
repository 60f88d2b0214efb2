/** Runs the openssl CLI as an independent checker; fails with a clear message when it is missing. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function requireTool(name: string): void {
  const r = spawnSync('sh', ['-c', `command -v ${name}`]);
  if (r.status !== 0) throw new Error(`${name} is required by this test but is not installed (apt-get install ${name})`);
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function openssl(args: readonly string[], input?: Uint8Array | string): RunResult {
  requireTool('openssl');
  const r = spawnSync('openssl', args, { input, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

export function opensslOk(args: readonly string[], input?: Uint8Array | string): string {
  const r = openssl(args, input);
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function opensslBytes(args: readonly string[], input?: Uint8Array | string): Uint8Array {
  requireTool('openssl');
  return new Uint8Array(execFileSync('openssl', args, { input, maxBuffer: 64 * 1024 * 1024 }));
}

/** A temporary directory with helpers to write files; remove() when done. */
export function tempDir(prefix = 'paraphe-pki-'): { dir: string; write(name: string, data: Uint8Array | string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, data) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Asynchronous variant, required when openssl talks to a server running in this process. */
export function opensslAsync(args: readonly string[], input?: Uint8Array | string): Promise<RunResult> {
  requireTool('openssl');
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ status: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // openssl may exit before reading all input; its exit status tells
      child.stdin.end(input);
    }
  });
}
