/** What is shown of an organisation's API tokens (never their text), and how tokens look. */
import type { Caller, IdentityContext } from './identity-context.js';
import { parseRoles } from './identity-tables.js';
import type { AssignableRole } from './roles.js';

export const API_TOKEN_PREFIX = 'pt_';

export interface ApiTokenView {
  readonly id: string;
  readonly name: string;
  readonly hint: string;
  readonly roles: AssignableRole[];
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export async function listApiTokens(ctx: IdentityContext, caller: Caller): Promise<ApiTokenView[]> {
  const rows = await ctx.db.kysely.selectFrom('api_tokens').selectAll().where('org_id', '=', caller.orgId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    hint: r.hint,
    roles: parseRoles(r.roles).filter((x): x is AssignableRole => x !== 'department_manager'),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}
