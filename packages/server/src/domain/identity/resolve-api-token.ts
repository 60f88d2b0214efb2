/** Finds the live API token behind a `Bearer pt_…` header: known, not revoked, not expired. */
import { isoTime } from '../../infra/clock.js';
import type { IdentityContext } from './identity-context.js';
import { parseRoles } from './identity-tables.js';
import type { Principal } from './principal.js';
import { hashSecret } from './secret-token.js';

/** The principal of a live token, or why it is refused. */
export async function resolveApiToken(ctx: IdentityContext, token: string): Promise<Principal | 'unknown' | 'revoked' | 'expired'> {
  const db = ctx.db.kysely;
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!row) return 'unknown';
  if (row.revoked_at !== null) return 'revoked';
  const now = isoTime(ctx.clock());
  if (row.expires_at !== null && row.expires_at <= now) return 'expired';
  if (row.last_used_at === null || Date.parse(now) - Date.parse(row.last_used_at) >= 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { kind: 'token', orgId: row.org_id, tokenId: row.id, roles: parseRoles(row.roles), departmentIds: [], managedDepartmentIds: [] };
}
