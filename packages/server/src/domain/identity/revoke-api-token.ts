/** Revokes an API token: from the next request on, it authenticates nothing. Revoking twice is harmless. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { notFound } from './validate-input.js';

export interface RevokeApiTokenOptions {
  readonly caller: Caller;
  readonly tokenId: string;
}

export async function revokeApiToken(ctx: IdentityContext, options: RevokeApiTokenOptions): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, tokenId } = options;
    const row = await trx.selectFrom('api_tokens').select(['id', 'revoked_at']).where('org_id', '=', caller.orgId).where('id', '=', tokenId).executeTakeFirst();
    if (!row) throw notFound('API token');
    if (row.revoked_at !== null) return;
    const now = ctx.clock();
    await trx.updateTable('api_tokens').set({ revoked_at: isoTime(now) }).where('id', '=', tokenId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.api_token.revoked', target: { type: 'api_token', id: tokenId } });
  });
}
