/** What credential, seal and trust-service use cases receive: the services they use, and the shared shapes. */
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Database } from '../../infra/db/schema.js';
import { recordEvent, type ActorType } from '../audit/record-event.js';
import type { Actor } from '../identity/identity-context.js';
import './credential-tables.js';

export type CredentialContext = Pick<AppContext, 'db' | 'clock' | 'ids' | 'pki' | 'keyWrap' | 'config'>;

export type Tx = Transaction<Database>;

/** Revocation reasons a client may give (RFC 5280 names). */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'privilegeWithdrawn'] as const;
export type ClientRevocationReason = (typeof REVOCATION_REASONS)[number];

const ACTOR_TYPES: Readonly<Record<Actor['type'], ActorType>> = { user: 'user', token: 'api_token', anonymous: 'anonymous', system: 'system' };

/** Appends the audit event of a credential or seal change inside the transaction of that change. Never secrets. */
export async function auditCredential(
  trx: Tx,
  ctx: Pick<CredentialContext, 'clock' | 'ids'>,
  event: { orgId: string; actor: Actor; action: string; target: { type: string; id: string }; details?: Record<string, unknown> },
): Promise<void> {
  await recordEvent(trx, ctx, {
    orgId: event.orgId,
    action: event.action,
    actor: { type: ACTOR_TYPES[event.actor.type], id: event.actor.id },
    ip: event.actor.ip,
    userAgent: event.actor.userAgent,
    target: event.target,
    details: event.details ?? {},
  });
}
