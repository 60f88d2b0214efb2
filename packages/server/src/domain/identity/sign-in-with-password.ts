/**
 * Local sign-in. Every failure gives the same INVALID_CREDENTIALS answer (unknown email, wrong
 * password, disabled or locked account) and costs one argon2id computation, so nothing tells
 * whether an account exists. Five consecutive failures lock the account for 15 minutes.
 */
import { sql } from 'kysely';
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { createSession, type NewSession } from './create-session.js';
import { findOrganisation } from './find-organisation.js';
import { auditIdentity } from './identity-audit.js';
import type { Actor, IdentityContext } from './identity-context.js';
import type { PasswordHasher } from './password-hasher.js';
import { DEFAULT_LOCKOUT_POLICY, type LockoutPolicy } from './session-policy.js';

export interface SignInWithPasswordOptions {
  readonly email: string;
  readonly password: string;
  /** Slug; optional when the platform has a single organisation. */
  readonly organisation?: string;
  readonly actor: Actor;
  readonly lockout?: LockoutPolicy;
}

export const INVALID_CREDENTIALS_MESSAGE = 'invalid email or password, or the account is temporarily locked';

export async function signInWithPassword(ctx: IdentityContext, hasher: PasswordHasher, options: SignInWithPasswordOptions): Promise<NewSession & { userId: string; orgId: string }> {
  const policy = options.lockout ?? DEFAULT_LOCKOUT_POLICY;
  const db = ctx.db.kysely;
  const org = await findOrganisation(db, options.organisation);
  const email = options.email.trim().toLowerCase();
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'status', 'locked_until']).where('org_id', '=', org.id).where('email', '=', email).executeTakeFirst();
  const now = ctx.clock();
  if (!user || user.password_hash === null || user.status !== 'active') {
    await hasher.burn(options.password);
    throw invalid();
  }
  if (user.locked_until !== null && user.locked_until > isoTime(now)) {
    await hasher.burn(options.password);
    await db.transaction().execute((trx) =>
      auditIdentity(trx, ctx, { orgId: org.id, actor: options.actor, action: 'identity.sign_in.refused', target: { type: 'user', id: user.id }, details: { reason: 'locked' } }),
    );
    throw invalid();
  }
  const good = await hasher.verify(options.password, user.password_hash);
  if (!good) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failed_logins: sql<number>`failed_logins + 1` }).where('id', '=', user.id).execute();
      const { failed_logins } = await trx.selectFrom('users').select('failed_logins').where('id', '=', user.id).executeTakeFirstOrThrow();
      await auditIdentity(trx, ctx, { orgId: org.id, actor: options.actor, action: 'identity.sign_in.failed', target: { type: 'user', id: user.id }, details: { consecutiveFailures: failed_logins } });
      if (failed_logins >= policy.maxFailures) {
        const until = isoTime(new Date(now.getTime() + policy.lockMs));
        await trx.updateTable('users').set({ failed_logins: 0, locked_until: until }).where('id', '=', user.id).execute();
        await auditIdentity(trx, ctx, { orgId: org.id, actor: options.actor, action: 'identity.user.locked', target: { type: 'user', id: user.id }, details: { until } });
      }
    });
    throw invalid();
  }
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const session = await createSession(ctx, trx, { userId: user.id, orgId: org.id, method: 'password', actor: options.actor });
    return { ...session, userId: user.id, orgId: org.id };
  });
}

function invalid(): AppError {
  return new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
}
