/** The caller's organisation and its identity settings (whether OIDC sign-on may create accounts). */
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import { notFound } from './validate-input.js';

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

export async function readOrganisation(trx: Trx, orgId: string): Promise<OrganisationSettingsView> {
  const org = await trx.selectFrom('organisations').select(['id', 'name', 'slug']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('organisation');
  const setting = await trx.selectFrom('settings').select('value').where('scope', '=', orgId).where('key', '=', OIDC_JIT_SETTING).executeTakeFirst();
  return { ...org, oidcJustInTime: setting ? JSON.parse(setting.value) === true : false };
}
