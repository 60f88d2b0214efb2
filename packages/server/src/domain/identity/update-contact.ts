/** Corrects an external contact's details. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { cleanContactFields, readContacts, type ContactFields, type ContactView } from './read-contacts.js';
import { notFound } from './validate-input.js';

export interface UpdateContactOptions extends ContactFields {
  readonly caller: Caller;
  readonly contactId: string;
}

export async function updateContact(ctx: IdentityContext, options: UpdateContactOptions): Promise<ContactView> {
  const fields = cleanContactFields(options);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, contactId } = options;
    const [existing] = await readContacts(trx, caller.orgId, contactId);
    if (!existing) throw notFound('contact');
    const now = ctx.clock();
    await trx.updateTable('contacts').set({ ...fields, updated_at: isoTime(now) }).where('id', '=', contactId).execute();
    // Which fields changed, not their values: contacts are personal data of citizens.
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.contact.updated', target: { type: 'contact', id: contactId }, details: { changed: Object.keys(fields) } });
    return { ...existing, ...fields };
  });
}
