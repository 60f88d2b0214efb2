/**
 * Claims one due job atomically. PostgreSQL: the candidate row is locked with
 * `FOR UPDATE SKIP LOCKED` so concurrent workers never take the same job; SQLite: writers are
 * serialised, so the single `UPDATE … WHERE id = (SELECT …) RETURNING` is already atomic.
 * A `running` job whose lease expired (its worker died) is claimed again: at-least-once.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { JobsTable } from '../db/schema.js';

export interface ClaimOptions {
  readonly now: Date;
  readonly workerId: string;
  readonly names: readonly string[];
  /** A running job not finished after this long is considered abandoned. */
  readonly leaseMs: number;
}

export async function claimJob(db: Db, options: ClaimOptions): Promise<JobsTable | undefined> {
  if (options.names.length === 0) return undefined;
  const now = options.now.toISOString();
  const leaseCutoff = new Date(options.now.getTime() - options.leaseMs).toISOString();
  return db.kysely.transaction().execute(async (trx) => {
    let candidate = trx
      .selectFrom('jobs')
      .select('id')
      .where('name', 'in', [...options.names])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_at', '<', leaseCutoff)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(1);
    if (db.dialect === 'postgres') candidate = candidate.forUpdate().skipLocked();
    return trx
      .updateTable('jobs')
      .set({ status: 'running', attempts: sql<number>`attempts + 1`, locked_at: now, locked_by: options.workerId, updated_at: now })
      .where('id', '=', candidate)
      .returningAll()
      .executeTakeFirst();
  });
}
