/** The caller's organisation and its identity settings (whether OIDC sign-on may create accounts). */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import { notFound, requireText } from './validate-input.js';

export const OIDC_JIT_SETTING = 'identity.oidc_just_in_time';

export interface OrganisationSettingsView {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  /** OIDC sign-on creates a member account for an unknown staff email. */
  readonly oidcJustInTime: boolean;
}

export async function getOrganisation(ctx: IdentityContext, caller: Caller): Promise<OrganisationSettingsView> {
  return readOrganisation(ctx.db.kysely, caller.orgId);
}

export async function updateOrganisation(ctx: IdentityContext, options: { caller: Caller; name?: string; oidcJustInTime?: boolean }): Promise<OrganisationSettingsView> {
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

export async function readOrganisation(trx: Trx, orgId: string): Promise<OrganisationSettingsView> {
  const org = await trx.selectFrom('organisations').select(['id', 'name', 'slug']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('organisation');
  const setting = await trx.selectFrom('settings').select('value').where('scope', '=', orgId).where('key', '=', OIDC_JIT_SETTING).executeTakeFirst();
  return { ...org, oidcJustInTime: setting ? JSON.parse(setting.value) === true : false };
}
