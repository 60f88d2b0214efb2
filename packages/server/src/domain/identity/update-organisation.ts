/** Renames the caller's organisation or changes its sign-on settings. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { OIDC_JIT_SETTING, readOrganisation, type OrganisationSettingsView } from './read-organisation.js';
import { requireText } from './validate-input.js';

export interface UpdateOrganisationOptions {
  readonly caller: Caller;
  readonly name?: string;
  /** Whether OIDC sign-on creates a member account for an unknown staff email. */
  readonly oidcJustInTime?: boolean;
}

export async function updateOrganisation(ctx: IdentityContext, options: UpdateOrganisationOptions): Promise<OrganisationSettingsView> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller } = options;
    await readOrganisation(trx, caller.orgId);
    const now = ctx.clock();
    const details: Record<string, unknown> = {};
    if (options.name !== undefined) {
      details.name = requireText(options.name, 'name');
      await trx.updateTable('organisations').set({ name: details.name as string }).where('id', '=', caller.orgId).execute();
    }
    if (options.oidcJustInTime !== undefined) {
      details.oidcJustInTime = options.oidcJustInTime;
      const value = JSON.stringify(options.oidcJustInTime);
      const updated = await trx.updateTable('settings').set({ value, updated_at: isoTime(now) }).where('scope', '=', caller.orgId).where('key', '=', OIDC_JIT_SETTING).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('settings').values({ scope: caller.orgId, key: OIDC_JIT_SETTING, value, updated_at: isoTime(now) }).execute();
    }
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.organisation.updated', target: { type: 'organisation', id: caller.orgId }, details });
    return readOrganisation(trx, caller.orgId);
  });
}
