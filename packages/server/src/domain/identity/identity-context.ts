/** What identity use cases receive: the services they use and who is acting. */
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../infra/db/schema.js';
import type { Role } from './roles.js';

export type IdentityContext = Pick<AppContext, 'db' | 'clock' | 'ids' | 'config'>;

/** A query runner: the database or a transaction. */
export type Trx = Transaction<Database> | Kysely<Database>;
/** A transaction: what writes with an audit event need. */
export type Tx = Transaction<Database>;

/** Who performs an action, as the audit chain records it. */
export interface Actor {
  readonly type: 'user' | 'token' | 'anonymous' | 'system';
  readonly id: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** The caller of an organisation-scoped use case. */
export interface Caller extends Actor {
  readonly orgId: string;
  readonly roles: readonly Role[];
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, ip: null, userAgent: null };
