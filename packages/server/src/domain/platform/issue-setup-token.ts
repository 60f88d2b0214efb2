/**
 * First start: while no organisation exists, issue a fresh one-time link to create the first
 * administrator. Only its SHA-256 is stored; earlier unused links stop working.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { recordEvent } from '../audit/record-event.js';

/** Consumed by the identity area's first-administrator use case. */
export const FIRST_ADMINISTRATOR_PURPOSE = 'first_administrator';
const VALID_MS = 7 * 86_400_000;

export type IssueSetupTokenOptions = Record<string, never>;

/** Resolves to the link to print, or null when an organisation already exists. */
export async function issueSetupToken(ctx: Pick<AppContext, 'db' | 'clock' | 'ids' | 'config'>, _options: IssueSetupTokenOptions = {}): Promise<string | null> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
    if (organisation) return null;
    const now = ctx.clock();
    const token = ctx.ids.random(32).toString('base64url');
    await trx.deleteFrom('setup_tokens').where('purpose', '=', FIRST_ADMINISTRATOR_PURPOSE).where('used_at', 'is', null).execute();
    const id = ctx.ids.id();
    await trx
      .insertInto('setup_tokens')
      .values({
        id,
        token_hash: createHash('sha256').update(token, 'utf8').digest('hex'),
        purpose: FIRST_ADMINISTRATOR_PURPOSE,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + VALID_MS).toISOString(),
        used_at: null,
      })
      .execute();
    await recordEvent(trx, ctx, { action: 'platform.setup_link_issued', actor: { type: 'system' }, target: { type: 'setup_token', id } });
    return `${ctx.config.publicUrl}/setup?token=${token}`;
  });
}
