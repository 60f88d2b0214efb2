/** What the API shows of a user (never the password hash or lockout internals), and how to read it. */
import type { Trx } from './identity-context.js';
import { parseRoles, type UsersTable } from './identity-tables.js';
import type { AssignableRole } from './roles.js';
import { notFound } from './validate-input.js';

export interface DepartmentMembership {
  readonly id: string;
  readonly manager: boolean;
}

export interface UserView {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly name: string;
  readonly title: string | null;
  readonly roles: AssignableRole[];
  readonly status: UsersTable['status'];
  readonly departments: DepartmentMembership[];
  readonly hasPassword: boolean;
  readonly locked: boolean;
  readonly createdAt: string;
}

export async function readUsers(trx: Trx, orgId: string, now: Date, userId?: string): Promise<UserView[]> {
  let query = trx.selectFrom('users').selectAll().where('org_id', '=', orgId);
  if (userId !== undefined) query = query.where('id', '=', userId);
  const rows = await query.orderBy('name').orderBy('id').execute();
  if (rows.length === 0) return [];
  const memberships = await trx
    .selectFrom('department_members')
    .select(['user_id', 'department_id', 'manager'])
    .where('user_id', 'in', rows.map((r) => r.id))
    .orderBy('department_id')
    .execute();
  const nowText = now.toISOString();
  return rows.map((row) => ({
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    title: row.title,
    roles: parseRoles(row.roles).filter((r): r is AssignableRole => r !== 'department_manager'),
    status: row.status,
    departments: memberships.filter((m) => m.user_id === row.id).map((m) => ({ id: m.department_id, manager: m.manager === 1 })),
    hasPassword: row.password_hash !== null,
    locked: row.locked_until !== null && row.locked_until > nowText,
    createdAt: row.created_at,
  }));
}

export async function readUser(trx: Trx, orgId: string, userId: string, now: Date): Promise<UserView> {
  const [user] = await readUsers(trx, orgId, now, userId);
  if (!user) throw notFound('user');
  return user;
}

/** Fails with NOT_FOUND unless every id is a department of the organisation. */
export async function checkDepartments(trx: Trx, orgId: string, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await trx.selectFrom('departments').select('id').where('org_id', '=', orgId).where('id', 'in', unique).execute();
  if (found.length !== unique.length) throw notFound('department');
}

/** Fails with NOT_FOUND unless every id is a user of the organisation. */
export async function checkUsers(trx: Trx, orgId: string, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await trx.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', 'in', unique).execute();
  if (found.length !== unique.length) throw notFound('user');
}
