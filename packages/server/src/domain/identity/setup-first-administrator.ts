/**
 * First start: consumes the one-time setup token printed by the server, creates the
 * organisation and its first administrator, and signs that administrator in. The token is
 * marked used in the same transaction, with a conditional update, so it works exactly once.
 */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { createOrganisation, type OrganisationView } from './create-organisation.js';
import { createSession, type NewSession } from './create-session.js';
import { insertUser } from './create-user.js';
import type { Actor, IdentityContext } from './identity-context.js';
import type { PasswordHasher } from './password-hasher.js';
import { hashSecret } from './secret-token.js';
import type { UserView } from './user-view.js';
import { checkNewPassword } from './validate-input.js';

/** The `purpose` of the setup token this use case accepts. */
export const FIRST_ADMINISTRATOR_PURPOSE = 'first_administrator';

export interface SetupFirstAdministratorOptions {
  readonly token: string;
  readonly organisationName: string;
  readonly adminName: string;
  readonly adminEmail: string;
  readonly password: string;
  readonly actor: Actor;
}

export async function setupFirstAdministrator(
  ctx: IdentityContext,
  hasher: PasswordHasher,
  options: SetupFirstAdministratorOptions,
): Promise<{ organisation: OrganisationView; user: UserView; session: NewSession }> {
  checkNewPassword(options.password);
  const passwordHash = await hasher.hash(options.password);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const now = isoTime(ctx.clock());
    const used = await trx
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hashSecret(options.token))
      .where('purpose', '=', FIRST_ADMINISTRATOR_PURPOSE)
      .where('used_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('SETUP_TOKEN_INVALID', 'this set-up link is invalid, expired or already used');
    const organisation = await createOrganisation(ctx, trx, { name: options.organisationName, actor: options.actor });
    const caller = { ...options.actor, orgId: organisation.id, roles: [] };
    const user = await insertUser(ctx, trx, { caller, email: options.adminEmail, name: options.adminName, roles: ['administrator', 'member'] }, passwordHash);
    const session = await createSession(ctx, trx, { userId: user.id, orgId: organisation.id, method: 'password', actor: options.actor });
    return { organisation, user, session };
  });
}
