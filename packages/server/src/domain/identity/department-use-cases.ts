/** Departments of an organisation (clerk's office, treasury, urban planning…): create, rename, delete, read. */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import { notFound, requireText } from './validate-input.js';

export interface DepartmentView {
  readonly id: string;
  readonly name: string;
  /** Users of the department, managers flagged. */
  readonly members: { readonly userId: string; readonly manager: boolean }[];
}

export async function listDepartments(ctx: IdentityContext, caller: Caller, departmentId?: string): Promise<DepartmentView[]> {
  return readDepartments(ctx.db.kysely, caller.orgId, departmentId);
}

export async function getDepartment(ctx: IdentityContext, caller: Caller, departmentId: string): Promise<DepartmentView> {
  const [department] = await readDepartments(ctx.db.kysely, caller.orgId, departmentId);
  if (!department) throw notFound('department');
  return department;
}

export async function createDepartment(ctx: IdentityContext, options: { caller: Caller; name: string }): Promise<DepartmentView> {
  const name = requireText(options.name, 'name');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await uniqueName(trx, options.caller.orgId, name);
    const now = ctx.clock();
    const id = ctx.ids.id();
    await trx.insertInto('departments').values({ id, org_id: options.caller.orgId, name, created_at: isoTime(now), updated_at: isoTime(now) }).execute();
    await auditIdentity(trx, ctx, { orgId: options.caller.orgId, actor: options.caller, action: 'identity.department.created', target: { type: 'department', id }, details: { name } });
    return { id, name, members: [] };
  });
}

export async function renameDepartment(ctx: IdentityContext, options: { caller: Caller; departmentId: string; name: string }): Promise<DepartmentView> {
  const name = requireText(options.name, 'name');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, departmentId } = options;
    const row = await trx.selectFrom('departments').select(['id', 'name']).where('org_id', '=', caller.orgId).where('id', '=', departmentId).executeTakeFirst();
    if (!row) throw notFound('department');
    if (row.name !== name) await uniqueName(trx, caller.orgId, name);
    const now = ctx.clock();
    await trx.updateTable('departments').set({ name, updated_at: isoTime(now) }).where('id', '=', departmentId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.department.renamed', target: { type: 'department', id: departmentId }, details: { from: row.name, to: name } });
    const [view] = await readDepartments(trx, caller.orgId, departmentId);
    return view!;
  });
}

export async function deleteDepartment(ctx: IdentityContext, options: { caller: Caller; departmentId: string }): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, departmentId } = options;
    const row = await trx.selectFrom('departments').select(['id', 'name']).where('org_id', '=', caller.orgId).where('id', '=', departmentId).executeTakeFirst();
    if (!row) throw notFound('department');
    const now = ctx.clock();
    await trx.deleteFrom('department_members').where('department_id', '=', departmentId).execute();
    await trx.deleteFrom('departments').where('id', '=', departmentId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.department.deleted', target: { type: 'department', id: departmentId }, details: { name: row.name } });
  });
}

async function uniqueName(trx: Trx, orgId: string, name: string): Promise<void> {
  const clash = await trx.selectFrom('departments').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
  if (clash) throw new AppError('CONFLICT', 'a department with this name already exists', { field: 'name' });
}

async function readDepartments(trx: Trx, orgId: string, departmentId?: string): Promise<DepartmentView[]> {
  let query = trx.selectFrom('departments').select(['id', 'name']).where('org_id', '=', orgId);
  if (departmentId !== undefined) query = query.where('id', '=', departmentId);
  const rows = await query.orderBy('name').execute();
  if (rows.length === 0) return [];
  const members = await trx.selectFrom('department_members').select(['department_id', 'user_id', 'manager']).where('department_id', 'in', rows.map((r) => r.id)).orderBy('user_id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: members.filter((m) => m.department_id === r.id).map((m) => ({ userId: m.user_id, manager: m.manager === 1 })) }));
}
