/** Creates an organisation (a city or any public body) with a unique slug. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Actor, IdentityContext, Tx } from './identity-context.js';
import { requireText, slugify } from './validate-input.js';

export interface CreateOrganisationOptions {
  readonly name: string;
  readonly actor: Actor;
}

export interface OrganisationView {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
}

/** Runs inside the caller's transaction (setup creates the organisation and its first administrator together). */
export async function createOrganisation(ctx: IdentityContext, trx: Tx, options: CreateOrganisationOptions): Promise<OrganisationView> {
  const name = requireText(options.name, 'name');
  const base = slugify(name);
  const taken = new Set((await trx.selectFrom('organisations').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const now = ctx.clock();
  const id = ctx.ids.id();
  await trx.insertInto('organisations').values({ id, name, slug, created_at: isoTime(now) }).execute();
  await auditIdentity(trx, ctx, { orgId: id, actor: options.actor, action: 'identity.organisation.created', target: { type: 'organisation', id }, details: { name, slug } });
  return { id, name, slug };
}
