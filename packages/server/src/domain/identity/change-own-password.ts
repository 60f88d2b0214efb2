/** A signed-in user changes their own password, proving the current one; their other sessions end. */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import type { PasswordHasher } from './password-hasher.js';
import { INVALID_CREDENTIALS_MESSAGE } from './sign-in-with-password.js';
import { checkNewPassword } from './validate-input.js';

export interface ChangeOwnPasswordOptions {
  readonly caller: Caller;
  readonly userId: string;
  /** The session to keep; every other session of the user ends. */
  readonly sessionId: string;
  readonly currentPassword: string;
  readonly newPassword: string;
}

export async function changeOwnPassword(ctx: IdentityContext, hasher: PasswordHasher, options: ChangeOwnPasswordOptions): Promise<void> {
  checkNewPassword(options.newPassword);
  const db = ctx.db.kysely;
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', options.userId).where('org_id', '=', options.caller.orgId).executeTakeFirst();
  const good = user?.password_hash ? await hasher.verify(options.currentPassword, user.password_hash) : (await hasher.burn(options.currentPassword), false);
  if (!good) throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  const hash = await hasher.hash(options.newPassword);
  await db.transaction().execute(async (trx) => {
    const now = ctx.clock();
    await trx.updateTable('users').set({ password_hash: hash, failed_logins: 0, locked_until: null, updated_at: isoTime(now) }).where('id', '=', options.userId).execute();
    await trx.updateTable('sessions').set({ ended_at: isoTime(now) }).where('user_id', '=', options.userId).where('id', '!=', options.sessionId).where('ended_at', 'is', null).execute();
    await auditIdentity(trx, ctx, { orgId: options.caller.orgId, actor: options.caller, action: 'identity.user.password_changed', target: { type: 'user', id: options.userId } });
  });
}
