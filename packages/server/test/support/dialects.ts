/**
 * Runs a test suite on both databases: SQLite (a temp file) and PostgreSQL (a fresh schema
 * of the `test` database, dropped afterwards). PostgreSQL being unreachable fails the suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { Dialect } from '../../src/infra/db/database.js';

export const POSTGRES_URL = process.env.PARAPHE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface DialectFixture {
  readonly dialect: Dialect;
  /** A fresh temporary data dir for each call. */
  dataDir(): string;
  /**
   * A configuration on this dialect. On SQLite each call gets its own database file unless
   * `dataDir` is reused; on PostgreSQL every call of the suite shares the suite's schema
   * unless `freshSchema` is asked for. The master key is fixed per suite; pass
   * `PARAPHE_MASTER_KEY: ''` in env to use the data dir's master.key file instead.
   */
  config(options?: { dataDir?: string; env?: Record<string, string>; freshSchema?: boolean }): Promise<Config>;
}

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export function forEachDialect(title: string, body: (fixture: DialectFixture) => void): void {
  describe.each(DIALECTS)(`${title} [%s]`, (dialect) => {
    const dirs: string[] = [];
    const schemas: string[] = [];
    let suiteSchema: string | undefined;
    // One master key per suite: on PostgreSQL configs of a suite share a schema, hence the built-in PKI.
    const masterKey = randomBytes(32).toString('hex');

    const newSchema = async (): Promise<string> => {
      const name = `t_${randomBytes(6).toString('hex')}`;
      await adminQuery(`CREATE SCHEMA ${name}`);
      schemas.push(name);
      return name;
    };

    beforeAll(async () => {
      if (dialect === 'postgres') suiteSchema = await newSchema();
    });

    afterAll(async () => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      for (const schema of schemas) await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });

    const fixture: DialectFixture = {
      dialect,
      dataDir() {
        const dir = mkdtempSync(join(tmpdir(), 'paraphe-server-'));
        dirs.push(dir);
        return dir;
      },
      async config(options = {}) {
        const dataDir = options.dataDir ?? fixture.dataDir();
        const env: Record<string, string> = { PARAPHE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', PARAPHE_WORKER: 'off', PARAPHE_MASTER_KEY: masterKey, ...options.env };
        if (options.env?.PARAPHE_MASTER_KEY === '') delete env.PARAPHE_MASTER_KEY;
        if (dialect === 'postgres') {
          env.DATABASE_URL = POSTGRES_URL;
          env.DATABASE_SCHEMA = options.freshSchema ? await newSchema() : (suiteSchema as string);
        }
        return loadConfig(env);
      },
    };
    body(fixture);
  });
}

/** One statement as the administrator of the test database, with a clear failure when PostgreSQL is down. */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL} (${(error as Error).message}). ` +
        'The server tests run on both SQLite and PostgreSQL: start it with scripts/test.sh, ' +
        'or `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, ' +
        'or point PARAPHE_TEST_DATABASE_URL at a server with a `test` database.',
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
