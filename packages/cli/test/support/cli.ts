/** Runs the `paraphe` command as users do — `node packages/cli/bin/paraphe.js …` in a child process. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/paraphe.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment for children: no inherited PKCS#12 password, unless the test sets one. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.PARAPHE_P12_PASSWORD;
  return { ...env, ...extra };
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface CliServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts a long-running command (`tsa serve`, `ocsp serve`) and waits for its "listening on URL" line. */
export function startCliServer(args: readonly string[]): Promise<CliServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: cleanEnv() });
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        child.stdout.off('data', onData);
        resolve({
          url,
          stop: () =>
            new Promise<void>((done) => {
              child.once('close', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('close', (code) => reject(new Error(`paraphe ${args.join(' ')} exited ${code}: ${output}`)));
  });
}

/** A TCP port free right now on 127.0.0.1 (for servers whose URL must be known before they start). */
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

/**
 * Runs the same command line in this process (the CLI's own `run`), for suites that invoke it
 * dozens of times: identical code path, without paying module loading for each child.
 */
export async function runCliInProcess(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { run, retryingFetch } = await import('../../src/index.js');
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    env: cleanEnv(env),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    clock: () => new Date(),
    fetch: retryingFetch(globalThis.fetch),
    untilStopped: () => Promise.resolve(),
  });
  return { code, stdout, stderr };
}
