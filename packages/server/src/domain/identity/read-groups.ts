/** Reading groups of the caller's organisation with their members. */
import { AppError } from '../../errors.js';
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import { notFound } from './validate-input.js';

export interface GroupView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly memberIds: string[];
}

export async function listGroups(ctx: IdentityContext, caller: Caller): Promise<GroupView[]> {
  return readGroups(ctx.db.kysely, caller.orgId);
}

export async function getGroup(ctx: IdentityContext, caller: Caller, groupId: string): Promise<GroupView> {
  const [group] = await readGroups(ctx.db.kysely, caller.orgId, groupId);
  if (!group) throw notFound('group');
  return group;
}

export async function readGroups(trx: Trx, orgId: string, groupId?: string): Promise<GroupView[]> {
  let query = trx.selectFrom('groups').select(['id', 'name', 'description']).where('org_id', '=', orgId);
  if (groupId !== undefined) query = query.where('id', '=', groupId);
  const rows = await query.orderBy('name').execute();
  if (rows.length === 0) return [];
  const members = await trx.selectFrom('group_members').select(['group_id', 'user_id']).where('group_id', 'in', rows.map((r) => r.id)).orderBy('user_id').execute();
  return rows.map((r) => ({ ...r, memberIds: members.filter((m) => m.group_id === r.id).map((m) => m.user_id) }));
}

/** Group names are unique within an organisation. */
export async function checkGroupNameFree(trx: Trx, orgId: string, name: string): Promise<void> {
  const clash = await trx.selectFrom('groups').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
  if (clash) throw new AppError('CONFLICT', 'a group with this name already exists', { field: 'name' });
}
