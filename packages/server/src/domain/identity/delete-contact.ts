/** Deletes an external contact. */
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { readContacts } from './read-contacts.js';
import { notFound } from './validate-input.js';

export interface DeleteContactOptions {
  readonly caller: Caller;
  readonly contactId: string;
}

export async function deleteContact(ctx: IdentityContext, options: DeleteContactOptions): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, contactId } = options;
    const [existing] = await readContacts(trx, caller.orgId, contactId);
    if (!existing) throw notFound('contact');
    await trx.deleteFrom('contacts').where('id', '=', contactId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.contact.deleted', target: { type: 'contact', id: contactId }, details: { kind: existing.kind, name: existing.name } });
  });
}
