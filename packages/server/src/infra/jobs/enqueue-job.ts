/** Puts a job in the durable queue; with an idempotency key, enqueuing the same job twice is a no-op. */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { IdSource } from '../ids.js';
import type { Database } from '../db/schema.js';

export interface EnqueueJobOptions {
  readonly name: string;
  /** JSON-serialisable; handlers receive it parsed. */
  readonly payload?: unknown;
  /** Not before this time (default: now). */
  readonly runAt?: Date;
  /** Unique across all jobs ever enqueued: a second enqueue with the same key returns the first job. */
  readonly idempotencyKey?: string;
  readonly maxAttempts?: number;
}

export interface EnqueuedJob {
  readonly id: string;
  /** False when a job with the same idempotency key already existed. */
  readonly created: boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * `db` may be a transaction: enqueue inside the use case's transaction so the job exists
 * exactly when the change it follows from was committed.
 */
export async function enqueueJob(
  db: Kysely<Database>,
  deps: { readonly clock: Clock; readonly ids: IdSource },
  options: EnqueueJobOptions,
): Promise<EnqueuedJob> {
  const now = deps.clock().toISOString();
  const id = deps.ids.id();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      name: options.name,
      payload: JSON.stringify(options.payload ?? null),
      status: 'pending',
      attempts: 0,
      max_attempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_at: (options.runAt ?? deps.clock()).toISOString(),
      locked_at: null,
      locked_by: null,
      last_error: null,
      idempotency_key: options.idempotencyKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('idempotency_key', '=', options.idempotencyKey ?? '')
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}
