/** External contacts (citizens, notaries, suppliers) the organisation deals with; they never need an account. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import type { ContactKind } from './identity-tables.js';
import { normaliseEmail, notFound, requireText } from './validate-input.js';

export interface ContactView {
  readonly id: string;
  readonly kind: ContactKind;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly organisation: string | null;
}

export interface ContactFields {
  readonly kind?: ContactKind;
  readonly name?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly organisation?: string | null;
}

export async function listContacts(ctx: IdentityContext, caller: Caller): Promise<ContactView[]> {
  return readContacts(ctx.db.kysely, caller.orgId);
}

export async function getContact(ctx: IdentityContext, caller: Caller, contactId: string): Promise<ContactView> {
  const [contact] = await readContacts(ctx.db.kysely, caller.orgId, contactId);
  if (!contact) throw notFound('contact');
  return contact;
}

export async function createContact(ctx: IdentityContext, options: { caller: Caller } & ContactFields & { name: string; kind: ContactKind }): Promise<ContactView> {
  const fields = clean(options);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller } = options;
    const now = ctx.clock();
    const id = ctx.ids.id();
    const view: ContactView = { id, kind: options.kind, name: fields.name!, email: fields.email ?? null, phone: fields.phone ?? null, organisation: fields.organisation ?? null };
    await trx.insertInto('contacts').values({ ...view, org_id: caller.orgId, created_at: isoTime(now), updated_at: isoTime(now) }).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.contact.created', target: { type: 'contact', id }, details: { kind: view.kind, name: view.name } });
    return view;
  });
}

export async function updateContact(ctx: IdentityContext, options: { caller: Caller; contactId: string } & ContactFields): Promise<ContactView> {
  const fields = clean(options);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, contactId } = options;
    const [existing] = await readContacts(trx, caller.orgId, contactId);
    if (!existing) throw notFound('contact');
    const now = ctx.clock();
    await trx.updateTable('contacts').set({ ...fields, updated_at: isoTime(now) }).where('id', '=', contactId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.contact.updated', target: { type: 'contact', id: contactId }, details: { changed: Object.keys(fields) } });
    return { ...existing, ...fields };
  });
}

export async function deleteContact(ctx: IdentityContext, options: { caller: Caller; contactId: string }): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, contactId } = options;
    const [existing] = await readContacts(trx, caller.orgId, contactId);
    if (!existing) throw notFound('contact');
    const now = ctx.clock();
    await trx.deleteFrom('contacts').where('id', '=', contactId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.contact.deleted', target: { type: 'contact', id: contactId }, details: { kind: existing.kind, name: existing.name } });
  });
}

function clean(fields: ContactFields): ContactFields {
  const out: { -readonly [K in keyof ContactFields]: ContactFields[K] } = {};
  if (fields.kind !== undefined) out.kind = fields.kind;
  if (fields.name !== undefined) out.name = requireText(fields.name, 'name');
  if (fields.email !== undefined) out.email = fields.email === null || fields.email === '' ? null : normaliseEmail(fields.email);
  if (fields.phone !== undefined) out.phone = fields.phone === null || fields.phone === '' ? null : requireText(fields.phone, 'phone', 40);
  if (fields.organisation !== undefined) out.organisation = fields.organisation === null || fields.organisation === '' ? null : requireText(fields.organisation, 'organisation');
  return out;
}

async function readContacts(trx: Trx, orgId: string, contactId?: string): Promise<ContactView[]> {
  let query = trx.selectFrom('contacts').select(['id', 'kind', 'name', 'email', 'phone', 'organisation']).where('org_id', '=', orgId);
  if (contactId !== undefined) query = query.where('id', '=', contactId);
  return query.orderBy('name').orderBy('id').execute();
}
