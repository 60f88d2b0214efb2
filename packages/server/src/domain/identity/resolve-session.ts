/** Finds the live session behind a cookie value: not ended, not past its absolute or idle limit, user still active. */
import { isoTime } from '../../infra/clock.js';
import type { IdentityContext } from './identity-context.js';
import { loadUserPrincipal, type Principal } from './principal.js';
import { hashSecret } from './secret-token.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './session-policy.js';

export interface ResolvedSession {
  readonly sessionId: string;
  readonly principal: Principal;
  /** SHA-256 of the session's CSRF token, to check X-CSRF-Token against. */
  readonly csrfHash: string;
}

/** Why a cookie did not give a session; the request then continues as anonymous. */
export type SessionRefusal = 'unknown' | 'ended' | 'expired' | 'idle' | 'user_inactive';

export async function resolveSession(ctx: IdentityContext, token: string, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<ResolvedSession | SessionRefusal> {
  const db = ctx.db.kysely;
  const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row) return 'unknown';
  if (row.ended_at !== null) return 'ended';
  const now = ctx.clock();
  if (row.expires_at <= isoTime(now)) return 'expired';
  const lastSeen = Date.parse(row.last_seen_at);
  if (lastSeen + policy.idleMs <= now.getTime()) return 'idle';
  const principal = await loadUserPrincipal(db, row.user_id);
  if (!principal || principal.orgId !== row.org_id) return 'user_inactive';
  if (now.getTime() - lastSeen >= policy.touchEveryMs) {
    await db.updateTable('sessions').set({ last_seen_at: isoTime(now) }).where('id', '=', row.id).execute();
  }
  return { sessionId: row.id, principal, csrfHash: row.csrf_hash };
}
