/** Reading the organisation's external contacts, and the field rules shared by creating and correcting them. */
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

export async function readContacts(trx: Trx, orgId: string, contactId?: string): Promise<ContactView[]> {
  let query = trx.selectFrom('contacts').select(['id', 'kind', 'name', 'email', 'phone', 'organisation']).where('org_id', '=', orgId);
  if (contactId !== undefined) query = query.where('id', '=', contactId);
  return query.orderBy('name').orderBy('id').execute();
}

/** Trims and checks the given fields; an empty string clears an optional one. */
export function cleanContactFields(fields: ContactFields): ContactFields {
  const out: { -readonly [K in keyof ContactFields]: ContactFields[K] } = {};
  if (fields.kind !== undefined) out.kind = fields.kind;
  if (fields.name !== undefined) out.name = requireText(fields.name, 'name');
  if (fields.email !== undefined) out.email = fields.email === null || fields.email === '' ? null : normaliseEmail(fields.email);
  if (fields.phone !== undefined) out.phone = fields.phone === null || fields.phone === '' ? null : requireText(fields.phone, 'phone', 40);
  if (fields.organisation !== undefined) out.organisation = fields.organisation === null || fields.organisation === '' ? null : requireText(fields.organisation, 'organisation');
  return out;
}
