/**
 * People of the organisation: the staff directory is readable by anyone in it; administrators
 * add people, change roles, departments and passwords, unlock and disable accounts; each user
 * changes their own password.
 */
import type { RoutePlugin } from '../route-plugin.js';
import { changeOwnPassword } from '../../domain/identity/change-own-password.js';
import { createUser } from '../../domain/identity/create-user.js';
import type { AssignableRole } from '../../domain/identity/roles.js';
import { updateUser } from '../../domain/identity/update-user.js';
import { readUser, readUsers, type DepartmentMembership } from '../../domain/identity/user-view.js';
import { AppError } from '../../errors.js';
import { authOf } from '../auth/access.js';
import { callerOf } from '../auth/caller.js';
import { passwordHasherFor } from '../auth/password-hashers.js';
import * as s from '../auth/schemas.js';

const roles = { type: 'array', maxItems: 3, uniqueItems: true, items: s.assignableRole } as const;
const departments = { type: 'array', maxItems: 1000, items: s.membership } as const;
const admin = { access: { roles: ['administrator'] } } as const;

interface UserBody {
  email?: string;
  name?: string;
  title?: string | null;
  roles?: AssignableRole[];
  departments?: DepartmentMembership[];
  password?: string;
  status?: 'active' | 'disabled';
  unlock?: boolean;
}

export const usersRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/users',
    { config: { access: 'authenticated' }, schema: { summary: 'The staff directory', tags: ['identity'], response: { 200: { type: 'array', items: s.userView }, ...s.errorResponses } } },
    async (request) => readUsers(ctx.db.kysely, authOf(request).orgId, ctx.clock()),
  );
  app.get<{ Params: { id: string } }>(
    '/api/users/:id',
    { config: { access: 'authenticated' }, schema: { summary: 'One person', tags: ['identity'], params: s.idParams, response: { 200: s.userView, ...s.errorResponses } } },
    async (request) => readUser(ctx.db.kysely, authOf(request).orgId, request.params.id, ctx.clock()),
  );
  app.post<{ Body: UserBody & { email: string; name: string; roles: AssignableRole[] } }>(
    '/api/users',
    {
      config: admin,
      schema: {
        summary: 'Add a person to the organisation',
        tags: ['identity'],
        body: {
          type: 'object',
          required: ['email', 'name', 'roles'],
          additionalProperties: false,
          properties: { email: s.email, name: s.name, title: s.nullableText, roles, departments, password: s.password },
        },
        response: { 201: s.userView, ...s.errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(ctx, passwordHasherFor(ctx), { caller: callerOf(request), ...request.body })),
  );
  app.patch<{ Params: { id: string }; Body: UserBody }>(
    '/api/users/:id',
    {
      config: admin,
      schema: {
        summary: "Change a person's name, title, roles, departments, status or password, or unlock the account",
        tags: ['identity'],
        params: s.idParams,
        body: {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          properties: { name: s.name, title: s.nullableText, roles, departments, password: s.password, status: { type: 'string', enum: ['active', 'disabled'] }, unlock: { type: 'boolean' } },
        },
        response: { 200: s.userView, ...s.errorResponses },
      },
    },
    async (request) => updateUser(ctx, passwordHasherFor(ctx), { caller: callerOf(request), userId: request.params.id, ...request.body }),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/users/:id',
    {
      config: admin,
      schema: { summary: 'Disable an account (people stay in the audit trail; nothing is erased)', tags: ['identity'], params: s.idParams, response: { 200: s.userView, ...s.errorResponses } },
    },
    async (request) => updateUser(ctx, passwordHasherFor(ctx), { caller: callerOf(request), userId: request.params.id, status: 'disabled' }),
  );
  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/users/me/password',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'Change my own password (ends my other sessions)',
        tags: ['identity'],
        body: { type: 'object', required: ['currentPassword', 'newPassword'], additionalProperties: false, properties: { currentPassword: s.password, newPassword: s.password } },
        response: { 204: { type: 'null' }, ...s.errorResponses },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      if (!auth.userId || !auth.sessionId) throw new AppError('FORBIDDEN', 'only a signed-in person can change their password');
      await changeOwnPassword(ctx, passwordHasherFor(ctx), { caller: callerOf(request), userId: auth.userId, sessionId: auth.sessionId, ...request.body });
      return reply.status(204).send();
    },
  );
};
