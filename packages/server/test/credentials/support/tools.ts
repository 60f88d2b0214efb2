/** Runs the independent command-line checkers (pdfsig, certutil, openssl, gs) and the `paraphe` CLI as users do. */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../../cli/bin/paraphe.js', import.meta.url));

const DEBIAN_PACKAGE: Record<string, string> = { pdfsig: 'poppler-utils', certutil: 'libnss3-tools', openssl: 'openssl', gs: 'ghostscript' };

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails with a clear message when a checker is not installed. */
export function requireTool(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!found) throw new Error(`${name} is required by this test: apt-get install ${DEBIAN_PACKAGE[name] ?? name}`);
}

export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function runOk(command: string, args: readonly string[]): Promise<ToolResult> {
  requireTool(command);
  const result = await run(command, args);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}: ${result.stdout}${result.stderr}`);
  return result;
}

/** `paraphe …` in a child process; extra environment variables (the PKCS#12 password) on top. */
export function runParaphe(args: readonly string[], env: Record<string, string> = {}): Promise<ToolResult> {
  return run(process.execPath, [CLI, ...args], { ...process.env, ...env });
}

/** A TCP port free right now on 127.0.0.1 (the server's public URL must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
