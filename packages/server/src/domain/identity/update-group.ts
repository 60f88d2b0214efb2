/** Changes a group's name, description or members (the member list is replaced as a whole). */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import type { GroupsTable } from './identity-tables.js';
import { checkGroupNameFree, readGroups, type GroupView } from './read-groups.js';
import { checkUsers } from './user-view.js';
import { notFound, requireText } from './validate-input.js';

export interface UpdateGroupOptions {
  readonly caller: Caller;
  readonly groupId: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly memberIds?: readonly string[];
}

export async function updateGroup(ctx: IdentityContext, options: UpdateGroupOptions): Promise<GroupView> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, groupId } = options;
    const [existing] = await readGroups(trx, caller.orgId, groupId);
    if (!existing) throw notFound('group');
    const now = ctx.clock();
    const changes: Partial<GroupsTable> = {};
    if (options.name !== undefined) {
      changes.name = requireText(options.name, 'name');
      if (changes.name !== existing.name) await checkGroupNameFree(trx, caller.orgId, changes.name);
    }
    if (options.description !== undefined) changes.description = options.description;
    await trx.updateTable('groups').set({ ...changes, updated_at: isoTime(now) }).where('id', '=', groupId).execute();
    const details: Record<string, unknown> = { ...changes };
    if (options.memberIds !== undefined) {
      const members = [...new Set(options.memberIds)];
      await checkUsers(trx, caller.orgId, members);
      await trx.deleteFrom('group_members').where('group_id', '=', groupId).execute();
      for (const userId of members) await trx.insertInto('group_members').values({ group_id: groupId, user_id: userId }).execute();
      details.memberIds = members;
    }
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.group.updated', target: { type: 'group', id: groupId }, details });
    const [view] = await readGroups(trx, caller.orgId, groupId);
    return view!;
  });
}
