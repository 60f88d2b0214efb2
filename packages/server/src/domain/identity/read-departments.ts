/** Reading departments of the caller's organisation, with their members and managers. */
import { AppError } from '../../errors.js';
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import { notFound } from './validate-input.js';

export interface DepartmentView {
  readonly id: string;
  readonly name: string;
  /** Users of the department, managers flagged. */
  readonly members: { readonly userId: string; readonly manager: boolean }[];
}

export async function listDepartments(ctx: IdentityContext, caller: Caller): Promise<DepartmentView[]> {
  return readDepartments(ctx.db.kysely, caller.orgId);
}

export async function getDepartment(ctx: IdentityContext, caller: Caller, departmentId: string): Promise<DepartmentView> {
  const [department] = await readDepartments(ctx.db.kysely, caller.orgId, departmentId);
  if (!department) throw notFound('department');
  return department;
}

export async function readDepartments(trx: Trx, orgId: string, departmentId?: string): Promise<DepartmentView[]> {
  let query = trx.selectFrom('departments').select(['id', 'name']).where('org_id', '=', orgId);
  if (departmentId !== undefined) query = query.where('id', '=', departmentId);
  const rows = await query.orderBy('name').execute();
  if (rows.length === 0) return [];
  const members = await trx.selectFrom('department_members').select(['department_id', 'user_id', 'manager']).where('department_id', 'in', rows.map((r) => r.id)).orderBy('user_id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, members: members.filter((m) => m.department_id === r.id).map((m) => ({ userId: m.user_id, manager: m.manager === 1 })) }));
}

/** Department names are unique within an organisation. */
export async function checkDepartmentNameFree(trx: Trx, orgId: string, name: string): Promise<void> {
  const clash = await trx.selectFrom('departments').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
  if (clash) throw new AppError('CONFLICT', 'a department with this name already exists', { field: 'name' });
}
