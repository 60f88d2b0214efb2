/** API tokens for integrations: per organisation, acting with chosen roles, shown once, stored hashed, revocable. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { parseRoles } from './identity-tables.js';
import type { Principal } from './principal.js';
import type { AssignableRole } from './roles.js';
import { hashSecret, newSecret } from './secret-token.js';
import { notFound, requireText } from './validate-input.js';

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

export async function createApiToken(
  ctx: IdentityContext,
  options: { caller: Caller; name: string; roles: readonly AssignableRole[]; expiresAt?: string | null },
): Promise<{ token: string; view: ApiTokenView }> {
  const name = requireText(options.name, 'name');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller } = options;
    const now = ctx.clock();
    const token = newSecret((n) => ctx.ids.random(n), API_TOKEN_PREFIX);
    const id = ctx.ids.id();
    const roles = [...new Set(options.roles)];
    const row = {
      id,
      org_id: caller.orgId,
      name,
      token_hash: hashSecret(token),
      hint: token.slice(0, API_TOKEN_PREFIX.length + 6),
      roles: JSON.stringify(roles),
      created_by: caller.id,
      created_at: isoTime(now),
      expires_at: options.expiresAt ? isoTime(new Date(options.expiresAt)) : null,
      last_used_at: null,
      revoked_at: null,
    };
    await trx.insertInto('api_tokens').values(row).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.api_token.created', target: { type: 'api_token', id }, details: { name, roles, expiresAt: row.expires_at } });
    return { token, view: { id, name, hint: row.hint, roles, createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: null, revokedAt: null } };
  });
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

export async function revokeApiToken(ctx: IdentityContext, options: { caller: Caller; tokenId: string }): Promise<void> {
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
