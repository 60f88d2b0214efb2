/** Records an external contact (citizen, notary, supplier); contacts never need an account. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import type { ContactKind } from './identity-tables.js';
import { cleanContactFields, type ContactFields, type ContactView } from './read-contacts.js';

export interface CreateContactOptions extends ContactFields {
  readonly caller: Caller;
  readonly kind: ContactKind;
  readonly name: string;
}

export async function createContact(ctx: IdentityContext, options: CreateContactOptions): Promise<ContactView> {
  const fields = cleanContactFields(options);
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
