/**
 * Runs the migrations of `./migrations` at start-up. Files are named `NNNN_area_description.ts`
 * and applied in name order; each area owns a number range (see ARCHITECTURE.md) so parallel
 * work never collides, and unordered application is allowed for that reason.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';

const FOLDER = fileURLToPath(new URL('./migrations/', import.meta.url));

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code = 'MIGRATION_FAILED';
}

/** Every migration file of the folder, keyed by its name without extension. */
export const folderMigrations: MigrationProvider = {
  async getMigrations() {
    const files = (await readdir(FOLDER)).filter((f) => /^\d{4}_[a-z0-9_]+\.(ts|js)$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(join(FOLDER, file)).href)) as Migration;
    }
    return migrations;
  },
};

export async function migrateToLatest(db: Db, provider: MigrationProvider = folderMigrations): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    allowUnorderedMigrations: true,
    // Kysely looks its bookkeeping tables up by name across schemas: name ours explicitly.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
