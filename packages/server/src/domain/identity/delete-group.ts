/** Deletes a group; its members keep their accounts. */
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { readGroups } from './read-groups.js';
import { notFound } from './validate-input.js';

export interface DeleteGroupOptions {
  readonly caller: Caller;
  readonly groupId: string;
}

export async function deleteGroup(ctx: IdentityContext, options: DeleteGroupOptions): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, groupId } = options;
    const [existing] = await readGroups(trx, caller.orgId, groupId);
    if (!existing) throw notFound('group');
    await trx.deleteFrom('group_members').where('group_id', '=', groupId).execute();
    await trx.deleteFrom('groups').where('id', '=', groupId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.group.deleted', target: { type: 'group', id: groupId }, details: { name: existing.name, memberIds: existing.memberIds } });
  });
}
