/** The real Paraphe server for browser tests: a temp data dir, SQLite, a random port on loopback. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, loadConfig, type ParapheServer } from '@paraphe/server';

export interface Platform {
  readonly server: ParapheServer;
  readonly baseUrl: string;
  /** Path of the one-time first-administrator link, e.g. /setup?token=… */
  readonly setupPath: string;
  close(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'paraphe-web-e2e-'));
  const config = loadConfig({
    PARAPHE_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    PARAPHE_WORKER: 'off',
    PARAPHE_MASTER_KEY: randomBytes(32).toString('hex'),
  });
  const server = await createServer(config, { announce: () => undefined });
  const baseUrl = (await server.listen()).replace('0.0.0.0', '127.0.0.1');
  if (!server.setupLink) throw new Error('a fresh server must issue a first-administrator link');
  const link = new URL(server.setupLink);
  return {
    server,
    baseUrl,
    setupPath: `${link.pathname}${link.search}`,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
