import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { forEachDialect, POSTGRES_URL, adminQuery } from './support/dialects.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('../../cli/bin/paraphe.js', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves with stdout so far once `pattern` appears; rejects if the process exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, stderr: () => string): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (pattern.test(out)) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`paraphe serve exited with ${code} before printing ${pattern}:\n${out}\n${stderr()}`)));
  });
}

forEachDialect('paraphe serve', (fx) => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('starts on a fresh data dir, prints the first-administrator link, answers /api/health and stops on SIGTERM', async () => {
    const dataDir = fx.dataDir();
    const port = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', PARAPHE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.PARAPHE_MASTER_KEY;
    delete env.DATABASE_URL;
    if (fx.dialect === 'postgres') {
      const schema = `t_start_${process.pid}`;
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      env.DATABASE_URL = POSTGRES_URL;
      env.DATABASE_SCHEMA = schema;
    }
    let stderr = '';
    const child = spawn(process.execPath, [LAUNCHER, 'serve'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString('utf8')));
    try {
      const out = await waitForOutput(child, /Paraphe listening on/, () => stderr);
      const link = /Create the first administrator: (\S+)/.exec(out)?.[1];
      expect(link).toMatch(new RegExp(`^http://localhost:${port}/setup\\?token=[A-Za-z0-9_-]{43}$`));
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: fx.dialect });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (fx.dialect === 'postgres') await adminQuery(`DROP SCHEMA IF EXISTS ${env.DATABASE_SCHEMA} CASCADE`);
    }
  });
});
