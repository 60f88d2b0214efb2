/** Groups of users (e.g. "council members", "seal holders of the clerk's office"): create, change, delete, read. */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import { checkUsers } from './user-view.js';
import { notFound, requireText } from './validate-input.js';

export interface GroupView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly memberIds: string[];
}

export interface GroupChanges {
  readonly name?: string;
  readonly description?: string | null;
  readonly memberIds?: readonly string[];
}

export async function listGroups(ctx: IdentityContext, caller: Caller): Promise<GroupView[]> {
  return readGroups(ctx.db.kysely, caller.orgId);
}

export async function getGroup(ctx: IdentityContext, caller: Caller, groupId: string): Promise<GroupView> {
  const [group] = await readGroups(ctx.db.kysely, caller.orgId, groupId);
  if (!group) throw notFound('group');
  return group;
}

export async function createGroup(ctx: IdentityContext, options: { caller: Caller; name: string; description?: string | null; memberIds?: readonly string[] }): Promise<GroupView> {
  const name = requireText(options.name, 'name');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller } = options;
    await uniqueName(trx, caller.orgId, name);
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

export async function updateGroup(ctx: IdentityContext, options: { caller: Caller; groupId: string } & GroupChanges): Promise<GroupView> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, groupId } = options;
    const row = await trx.selectFrom('groups').select(['id', 'name']).where('org_id', '=', caller.orgId).where('id', '=', groupId).executeTakeFirst();
    if (!row) throw notFound('group');
    const now = ctx.clock();
    const details: Record<string, unknown> = {};
    if (options.name !== undefined) {
      const name = requireText(options.name, 'name');
      if (name !== row.name) await uniqueName(trx, caller.orgId, name);
      details.name = name;
    }
    if (options.description !== undefined) details.description = options.description;
    await trx
      .updateTable('groups')
      .set({ ...(details.name !== undefined ? { name: details.name as string } : {}), ...(options.description !== undefined ? { description: options.description } : {}), updated_at: isoTime(now) })
      .where('id', '=', groupId)
      .execute();
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

export async function deleteGroup(ctx: IdentityContext, options: { caller: Caller; groupId: string }): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, groupId } = options;
    const row = await trx.selectFrom('groups').select(['id', 'name']).where('org_id', '=', caller.orgId).where('id', '=', groupId).executeTakeFirst();
    if (!row) throw notFound('group');
    const now = ctx.clock();
    await trx.deleteFrom('group_members').where('group_id', '=', groupId).execute();
    await trx.deleteFrom('groups').where('id', '=', groupId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.group.deleted', target: { type: 'group', id: groupId }, details: { name: row.name } });
  });
}

async function uniqueName(trx: Trx, orgId: string, name: string): Promise<void> {
  const clash = await trx.selectFrom('groups').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
  if (clash) throw new AppError('CONFLICT', 'a group with this name already exists', { field: 'name' });
}

async function readGroups(trx: Trx, orgId: string, groupId?: string): Promise<GroupView[]> {
  let query = trx.selectFrom('groups').select(['id', 'name', 'description']).where('org_id', '=', orgId);
  if (groupId !== undefined) query = query.where('id', '=', groupId);
  const rows = await query.orderBy('name').execute();
  if (rows.length === 0) return [];
  const members = await trx.selectFrom('group_members').select(['group_id', 'user_id']).where('group_id', 'in', rows.map((r) => r.id)).orderBy('user_id').execute();
  return rows.map((r) => ({ ...r, memberIds: members.filter((m) => m.group_id === r.id).map((m) => m.user_id) }));
}
