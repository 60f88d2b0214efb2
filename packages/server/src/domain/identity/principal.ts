/** The authenticated principal of a request, as identity resolves it from a session or an API token. */
import type { Trx } from './identity-context.js';
import { parseRoles } from './identity-tables.js';
import type { Role } from './roles.js';

export interface Principal {
  readonly kind: 'user' | 'token';
  readonly orgId: string;
  /** Set for users; absent for API tokens. */
  readonly userId?: string;
  /** Set for API tokens. */
  readonly tokenId?: string;
  readonly roles: readonly Role[];
  /** Departments the user belongs to (any role in them). */
  readonly departmentIds: readonly string[];
  /** Departments the user manages; `department_manager` is in roles when this is not empty. */
  readonly managedDepartmentIds: readonly string[];
}

/** The principal of an active user, or undefined when the user is gone or disabled. */
export async function loadUserPrincipal(trx: Trx, userId: string): Promise<Principal | undefined> {
  const user = await trx.selectFrom('users').select(['id', 'org_id', 'roles', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'active') return undefined;
  const memberships = await trx.selectFrom('department_members').select(['department_id', 'manager']).where('user_id', '=', userId).orderBy('department_id').execute();
  const managed = memberships.filter((m) => m.manager === 1).map((m) => m.department_id);
  const roles: Role[] = parseRoles(user.roles).filter((r) => r !== 'department_manager');
  if (managed.length > 0) roles.push('department_manager');
  return { kind: 'user', orgId: user.org_id, userId: user.id, roles, departmentIds: memberships.map((m) => m.department_id), managedDepartmentIds: managed };
}
