/** Adds a person to the organisation, with roles, departments and optionally a local password. */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext, Tx } from './identity-context.js';
import type { PasswordHasher } from './password-hasher.js';
import type { AssignableRole } from './roles.js';
import { checkDepartments, readUser, type DepartmentMembership, type UserView } from './user-view.js';
import { checkNewPassword, normaliseEmail, requireText } from './validate-input.js';

export interface CreateUserOptions {
  readonly caller: Caller;
  readonly email: string;
  readonly name: string;
  readonly title?: string | null;
  readonly roles: readonly AssignableRole[];
  readonly departments?: readonly DepartmentMembership[];
  /** Without one the person signs on through OIDC only (or after an administrator sets one). */
  readonly password?: string;
}

export async function createUser(ctx: IdentityContext, hasher: PasswordHasher, options: CreateUserOptions): Promise<UserView> {
  if (options.password !== undefined) checkNewPassword(options.password);
  const passwordHash = options.password === undefined ? null : await hasher.hash(options.password);
  return ctx.db.kysely.transaction().execute((trx) => insertUser(ctx, trx, options, passwordHash));
}

/** The insert itself, for callers that already hold a transaction (first-administrator set-up, OIDC just-in-time). */
export async function insertUser(ctx: IdentityContext, trx: Tx, options: Omit<CreateUserOptions, 'password'>, passwordHash: string | null, oidcSubject: string | null = null): Promise<UserView> {
  const { caller } = options;
  const email = normaliseEmail(options.email);
  const name = requireText(options.name, 'name');
  const departments = options.departments ?? [];
  await checkDepartments(trx, caller.orgId, departments.map((d) => d.id));
  const existing = await trx.selectFrom('users').select('id').where('org_id', '=', caller.orgId).where('email', '=', email).executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', 'a user with this email already exists in the organisation', { field: 'email' });
  const now = ctx.clock();
  const id = ctx.ids.id();
  const roles = [...new Set(options.roles)];
  await trx
    .insertInto('users')
    .values({
      id,
      org_id: caller.orgId,
      email,
      name,
      title: options.title ?? null,
      roles: JSON.stringify(roles),
      status: 'active',
      password_hash: passwordHash,
      oidc_subject: oidcSubject,
      failed_logins: 0,
      locked_until: null,
      created_at: isoTime(now),
      updated_at: isoTime(now),
    })
    .execute();
  const unique = new Map(departments.map((d) => [d.id, d.manager]));
  for (const [departmentId, manager] of unique) {
    await trx.insertInto('department_members').values({ department_id: departmentId, user_id: id, manager: manager ? 1 : 0 }).execute();
  }
  await auditIdentity(trx, ctx, {
    orgId: caller.orgId,
    actor: caller,
    action: 'identity.user.created',
    target: { type: 'user', id },
    details: { email, name, roles, departments: [...unique].map(([d, m]) => ({ id: d, manager: m })), password: passwordHash !== null, oidc: oidcSubject !== null },
  });
  return readUser(trx, caller.orgId, id, now);
}
