/** Opens a session for a signed-in user: a random cookie value and CSRF token, stored only as hashes. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Actor, IdentityContext, Tx } from './identity-context.js';
import type { SessionsTable } from './identity-tables.js';
import { hashSecret, newSecret } from './secret-token.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './session-policy.js';

export interface CreateSessionOptions {
  readonly userId: string;
  readonly orgId: string;
  readonly method: SessionsTable['method'];
  readonly actor: Actor;
  readonly policy?: SessionPolicy;
}

export interface NewSession {
  readonly sessionId: string;
  /** Goes in the HttpOnly session cookie; never stored. */
  readonly token: string;
  /** Goes in the JS-readable CSRF cookie and must come back in X-CSRF-Token. */
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function createSession(ctx: IdentityContext, trx: Tx, options: CreateSessionOptions): Promise<NewSession> {
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  const now = ctx.clock();
  const token = newSecret((n) => ctx.ids.random(n));
  const csrfToken = newSecret((n) => ctx.ids.random(n));
  const expiresAt = new Date(now.getTime() + policy.absoluteMs);
  const sessionId = ctx.ids.id();
  await trx
    .insertInto('sessions')
    .values({
      id: sessionId,
      token_hash: hashSecret(token),
      csrf_hash: hashSecret(csrfToken),
      user_id: options.userId,
      org_id: options.orgId,
      method: options.method,
      created_at: isoTime(now),
      last_seen_at: isoTime(now),
      expires_at: isoTime(expiresAt),
      ip: options.actor.ip,
      user_agent: options.actor.userAgent,
      ended_at: null,
    })
    .execute();
  await auditIdentity(trx, ctx, { orgId: options.orgId, actor: { ...options.actor, type: 'user', id: options.userId }, action: 'identity.session.started', target: { type: 'session', id: sessionId }, details: { method: options.method } });
  return { sessionId, token, csrfToken, expiresAt };
}
