/** Creates an API token for an integration: random `pt_…` text shown once, stored hashed, acting with chosen roles. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { API_TOKEN_PREFIX, type ApiTokenView } from './read-api-tokens.js';
import type { AssignableRole } from './roles.js';
import { hashSecret, newSecret } from './secret-token.js';
import { requireText } from './validate-input.js';

export interface CreateApiTokenOptions {
  readonly caller: Caller;
  readonly name: string;
  /** The roles the token acts with; it has no departments. */
  readonly roles: readonly AssignableRole[];
  readonly expiresAt?: string | null;
}

/** The token text is in the result only: it is stored as its SHA-256. */
export async function createApiToken(ctx: IdentityContext, options: CreateApiTokenOptions): Promise<{ token: string; view: ApiTokenView }> {
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
