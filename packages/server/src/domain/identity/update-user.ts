/**
 * Changes a person's name, title, roles, departments, status or password (administrators), or
 * unlocks a locked account. Disabling ends the person's sessions. The organisation always keeps
 * at least one active administrator.
 */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext, Trx } from './identity-context.js';
import { parseRoles, type UsersTable } from './identity-tables.js';
import type { PasswordHasher } from './password-hasher.js';
import type { AssignableRole } from './roles.js';
import { checkDepartments, readUser, type DepartmentMembership, type UserView } from './user-view.js';
import { checkNewPassword, notFound, requireText } from './validate-input.js';

export interface UpdateUserOptions {
  readonly caller: Caller;
  readonly userId: string;
  readonly name?: string;
  readonly title?: string | null;
  readonly roles?: readonly AssignableRole[];
  readonly status?: UsersTable['status'];
  readonly departments?: readonly DepartmentMembership[];
  readonly password?: string;
  /** Clears a lockout after failed sign-in attempts. */
  readonly unlock?: boolean;
}

export async function updateUser(ctx: IdentityContext, hasher: PasswordHasher, options: UpdateUserOptions): Promise<UserView> {
  if (options.password !== undefined) checkNewPassword(options.password);
  const passwordHash = options.password === undefined ? undefined : await hasher.hash(options.password);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, userId } = options;
    const row = await trx.selectFrom('users').selectAll().where('org_id', '=', caller.orgId).where('id', '=', userId).executeTakeFirst();
    if (!row) throw notFound('user');
    const now = ctx.clock();
    const changes: Partial<UsersTable> = {};
    const changed: string[] = [];
    if (options.name !== undefined) (changes.name = requireText(options.name, 'name')), changed.push('name');
    if (options.title !== undefined) (changes.title = options.title === null ? null : requireText(options.title, 'title')), changed.push('title');
    if (options.roles !== undefined) (changes.roles = JSON.stringify([...new Set(options.roles)])), changed.push('roles');
    if (options.status !== undefined) (changes.status = options.status), changed.push('status');
    if (passwordHash !== undefined) (changes.password_hash = passwordHash), changed.push('password');
    if (options.unlock || passwordHash !== undefined) (changes.failed_logins = 0), (changes.locked_until = null), changed.push('unlock');
    const staysAdmin = (changes.status ?? row.status) === 'active' && parseRoles(changes.roles ?? row.roles).includes('administrator');
    if (!staysAdmin && parseRoles(row.roles).includes('administrator') && row.status === 'active') await keepOneAdministrator(trx, caller.orgId, userId);
    if (options.departments !== undefined) {
      await checkDepartments(trx, caller.orgId, options.departments.map((d) => d.id));
      await trx.deleteFrom('department_members').where('user_id', '=', userId).execute();
      for (const [departmentId, manager] of new Map(options.departments.map((d) => [d.id, d.manager]))) {
        await trx.insertInto('department_members').values({ department_id: departmentId, user_id: userId, manager: manager ? 1 : 0 }).execute();
      }
      changed.push('departments');
    }
    await trx.updateTable('users').set({ ...changes, updated_at: isoTime(now) }).where('id', '=', userId).execute();
    if (changes.status === 'disabled' || passwordHash !== undefined) {
      await trx.updateTable('sessions').set({ ended_at: isoTime(now) }).where('user_id', '=', userId).where('ended_at', 'is', null).execute();
    }
    const details: Record<string, unknown> = { changed };
    if (changes.roles !== undefined) details.roles = JSON.parse(changes.roles) as unknown;
    if (changes.status !== undefined) details.status = changes.status;
    if (options.departments !== undefined) details.departments = options.departments;
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.user.updated', target: { type: 'user', id: userId }, details });
    return readUser(trx, caller.orgId, userId, now);
  });
}

async function keepOneAdministrator(trx: Trx, orgId: string, leavingUserId: string): Promise<void> {
  const others = await trx.selectFrom('users').select('roles').where('org_id', '=', orgId).where('status', '=', 'active').where('id', '!=', leavingUserId).execute();
  if (!others.some((u) => parseRoles(u.roles).includes('administrator'))) {
    throw new AppError('CONFLICT', 'the organisation must keep at least one active administrator');
  }
}
