/**
 * Appends an event to an organisation's audit chain. It takes the caller's Kysely
 * `Transaction` (a plain Kysely instance does not type-check, and is refused at run time),
 * so the event commits or rolls back with the change it records.
 */
import type { Transaction } from 'kysely';
import type { Clock } from '../../infra/clock.js';
import type { IdSource } from '../../infra/ids.js';
import type { Database } from '../../infra/db/schema.js';
import { AppError } from '../../errors.js';
import { canonicalJson } from './canonical-json.js';
import { auditEventHash, GENESIS_HASH, PLATFORM_CHAIN } from './audit-hash.js';

export type ActorType = 'user' | 'api_token' | 'contact' | 'system' | 'anonymous';

export interface AuditActor {
  readonly type: ActorType;
  readonly id?: string | null;
}

export interface RecordEventOptions {
  /** The organisation whose chain receives the event; default: the platform chain. */
  readonly orgId?: string;
  /** Dotted verb, e.g. `user.created`, `seal.applied`. */
  readonly action: string;
  readonly actor: AuditActor;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  readonly target?: { readonly type: string; readonly id: string } | null;
  /** JSON-serialisable facts; never secrets. */
  readonly details?: Record<string, unknown>;
}

export interface RecordedEvent {
  readonly id: string;
  readonly orgId: string;
  readonly seq: number;
  readonly hash: string;
}

export async function recordEvent(
  trx: Transaction<Database>,
  deps: { readonly clock: Clock; readonly ids: IdSource },
  options: RecordEventOptions,
): Promise<RecordedEvent> {
  if (!trx.isTransaction) throw new AppError('INTERNAL', 'recordEvent must run inside the transaction of the change it records');
  const orgId = options.orgId ?? PLATFORM_CHAIN;
  const now = deps.clock().toISOString();
  // One head row per chain. Updating it first takes its row lock (PostgreSQL) or the write lock
  // (SQLite) until commit, so appends to one chain are serialised without dialect-specific SQL.
  await trx
    .insertInto('audit_heads')
    .values({ org_id: orgId, seq: 0, hash: GENESIS_HASH, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  const head = await trx
    .updateTable('audit_heads')
    .set({ updated_at: now })
    .where('org_id', '=', orgId)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();

  const fields = {
    org_id: orgId,
    seq: head.seq + 1,
    prev_hash: head.hash,
    occurred_at: now,
    actor_type: options.actor.type,
    actor_id: options.actor.id ?? null,
    ip: options.ip ?? null,
    user_agent: options.userAgent ?? null,
    action: options.action,
    target_type: options.target?.type ?? null,
    target_id: options.target?.id ?? null,
    details: canonicalJson(options.details ?? {}),
  };
  const hash = auditEventHash(fields);
  const id = deps.ids.id();
  await trx.insertInto('audit_events').values({ id, ...fields, hash }).execute();
  await trx.updateTable('audit_heads').set({ seq: fields.seq, hash, updated_at: now }).where('org_id', '=', orgId).execute();
  return { id, orgId, seq: fields.seq, hash };
}

