/** Signs out: ends the session so its cookie no longer authenticates anything. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Actor, IdentityContext } from './identity-context.js';

export async function endSession(ctx: IdentityContext, options: { sessionId: string; orgId: string; actor: Actor }): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const now = ctx.clock();
    const result = await trx.updateTable('sessions').set({ ended_at: isoTime(now) }).where('id', '=', options.sessionId).where('ended_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return;
    await auditIdentity(trx, ctx, { orgId: options.orgId, actor: options.actor, action: 'identity.session.ended', target: { type: 'session', id: options.sessionId } });
  });
}
