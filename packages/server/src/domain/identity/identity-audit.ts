/** Writes the audit event of an identity change through the audit chain, inside the transaction of that change. */
import { recordEvent, type ActorType } from '../audit/record-event.js';
import type { Actor, IdentityContext, Tx } from './identity-context.js';

export interface IdentityEvent {
  readonly orgId: string;
  readonly actor: Actor;
  /** `identity.<noun>.<verb>`, e.g. `identity.user.created`. */
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string };
  /** Never secrets: no passwords, tokens or hashes. */
  readonly details?: Record<string, unknown>;
}

const ACTOR_TYPES: Readonly<Record<Actor['type'], ActorType>> = { user: 'user', token: 'api_token', anonymous: 'anonymous', system: 'system' };

export async function auditIdentity(trx: Tx, ctx: Pick<IdentityContext, 'clock' | 'ids'>, event: IdentityEvent): Promise<void> {
  await recordEvent(trx, ctx, {
    orgId: event.orgId,
    action: event.action,
    actor: { type: ACTOR_TYPES[event.actor.type], id: event.actor.id },
    ip: event.actor.ip,
    userAgent: event.actor.userAgent,
    target: event.target ?? null,
    details: event.details ?? {},
  });
}
