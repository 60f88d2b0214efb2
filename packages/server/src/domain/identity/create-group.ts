/** Creates a group of users (e.g. "council members", "seal holders of the clerk's office"). */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { checkGroupNameFree, readGroups, type GroupView } from './read-groups.js';
import { checkUsers } from './user-view.js';
import { requireText } from './validate-input.js';

export interface CreateGroupOptions {
  readonly caller: Caller;
  readonly name: string;
  readonly description?: string | null;
  readonly memberIds?: readonly string[];
}

export async function createGroup(ctx: IdentityContext, options: CreateGroupOptions): Promise<GroupView> {
  const name = requireText(options.name, 'name');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller } = options;
    await checkGroupNameFree(trx, caller.orgId, name);
    const members = [...new Set(options.memberIds ?? [])];
    await checkUsers(trx, caller.orgId, members);
    const now = ctx.clock();
    const id = ctx.ids.id();
    await trx.insertInto('groups').values({ id, org_id: caller.orgId, name, description: options.description ?? null, created_at: isoTime(now), updated_at: isoTime(now) }).execute();
    for (const userId of members) await trx.insertInto('group_members').values({ group_id: id, user_id: userId }).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.group.created', target: { type: 'group', id }, details: { name, memberIds: members } });
    const [view] = await readGroups(trx, caller.orgId, id);
    return view!;
  });
}
