/** Opens the configured database (SQLite file or PostgreSQL) as a Kysely instance with one behaviour on both. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../config/config.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /** The PostgreSQL schema holding the tables, when not the default search path. */
  readonly schema?: string;
  /** Round-trips to the database; rejects when it does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const INT8_OID = 20;

export class DatabaseMissingError extends Error {
  override readonly name = 'DatabaseMissingError';
  readonly code = 'DATABASE_MISSING';
}

export interface OpenDatabaseOptions {
  /** Open an existing SQLite file read-only (verification tools); it must exist. */
  readonly readonly?: boolean;
}

export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Db {
  if (config.kind === 'sqlite') {
    if (options.readonly) {
      if (!existsSync(config.file)) throw new DatabaseMissingError(`no database at ${config.file}`);
    } else if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true, mode: 0o700 }); // holds key material
    const connection = new SqliteDatabase(config.file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    if (!options.readonly) connection.pragma('journal_mode = WAL');
    connection.pragma('foreign_keys = ON');
    // Another process (the CLI's `audit verify`) may hold the file briefly.
    connection.pragma('busy_timeout = 5000');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
    return wrap(kysely, 'sqlite');
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(config.schema ? { options: `-c search_path=${quoteIdent(config.schema)}` } : {}),
    // COUNT(*) and BIGINT columns come back as numbers, as on SQLite (our values stay far below 2^53).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return wrap(kysely, 'postgres', config.schema);
}

function wrap(kysely: Kysely<Database>, dialect: Dialect, schema?: string): Db {
  return {
    kysely,
    dialect,
    ...(schema ? { schema } : {}),
    ping: async () => {
      await sql`select 1`.execute(kysely);
    },
    close: () => kysely.destroy(),
  };
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid schema name "${name}"`);
  return name;
}
