/** Set-up of the first administrator, password sign-in, sign-out and the current session. */
import type { RoutePlugin } from '../route-plugin.js';
import { setupFirstAdministrator } from '../../domain/identity/setup-first-administrator.js';
import { signInWithPassword } from '../../domain/identity/sign-in-with-password.js';
import { endSession } from '../../domain/identity/end-session.js';
import { readUser } from '../../domain/identity/user-view.js';
import { readOrganisation } from '../../domain/identity/read-organisation.js';
import { AppError } from '../../errors.js';
import { authOf } from '../auth/access.js';
import { actorOf } from '../auth/caller.js';
import { CSRF_COOKIE, readCookie } from '../auth/cookies.js';
import { passwordHasherFor } from '../auth/password-hashers.js';
import { clearSessionCookies, setSessionCookies } from '../auth/session-cookies.js';
import * as s from '../auth/schemas.js';
import { hashSecret, secretsEqual } from '../../domain/identity/secret-token.js';
import type { Trx } from '../../domain/identity/identity-context.js';

/** Echoes the CSRF cookie only when it is this session's token (a planted cookie is not repeated). */
async function sessionCsrfToken(db: Trx, sessionId: string, cookie: string | undefined): Promise<string | undefined> {
  if (cookie === undefined) return undefined;
  const row = await db.selectFrom('sessions').select('csrf_hash').where('id', '=', sessionId).executeTakeFirst();
  return row && secretsEqual(hashSecret(cookie), row.csrf_hash) ? cookie : undefined;
}

const signedIn = {
  type: 'object',
  required: ['user', 'organisation', 'csrfToken'],
  properties: { user: s.userView, organisation: s.organisationView, csrfToken: { type: 'string' } },
} as const;

export const authRoutes: RoutePlugin = async (app, ctx) => {
  app.post<{ Body: { token: string; organisationName: string; adminName: string; adminEmail: string; password: string } }>(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Create the organisation and its first administrator with the one-time set-up token',
        tags: ['identity'],
        body: {
          type: 'object',
          required: ['token', 'organisationName', 'adminName', 'adminEmail', 'password'],
          additionalProperties: false,
          properties: { token: { type: 'string', minLength: 1, maxLength: 200 }, organisationName: s.name, adminName: s.name, adminEmail: s.email, password: s.password },
        },
        response: { 201: signedIn, ...s.errorResponses },
      },
    },
    async (request, reply) => {
      const result = await setupFirstAdministrator(ctx, passwordHasherFor(ctx), { ...request.body, actor: actorOf(request) });
      setSessionCookies(reply, ctx.config, result.session, ctx.clock());
      const organisation = await readOrganisation(ctx.db.kysely, result.organisation.id);
      return reply.status(201).send({ user: result.user, organisation, csrfToken: result.session.csrfToken });
    },
  );

  app.post<{ Body: { email: string; password: string; organisation?: string } }>(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Sign in with email and password; sets the session and CSRF cookies',
        tags: ['identity'],
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email: s.email, password: s.password, organisation: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: { 200: signedIn, ...s.errorResponses },
      },
    },
    async (request, reply) => {
      const session = await signInWithPassword(ctx, passwordHasherFor(ctx), { ...request.body, actor: actorOf(request) });
      setSessionCookies(reply, ctx.config, session, ctx.clock());
      const now = ctx.clock();
      return {
        user: await readUser(ctx.db.kysely, session.orgId, session.userId, now),
        organisation: await readOrganisation(ctx.db.kysely, session.orgId),
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated' },
      schema: { summary: 'End the current session', tags: ['identity'], response: { 204: { type: 'null' }, ...s.errorResponses } },
    },
    async (request, reply) => {
      const auth = authOf(request);
      if (!auth.sessionId) throw new AppError('VALIDATION_FAILED', 'API tokens have no session to end; revoke the token instead');
      await endSession(ctx, { sessionId: auth.sessionId, orgId: auth.orgId, actor: actorOf(request) });
      clearSessionCookies(reply, ctx.config);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/session',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'Who is signed in, and the CSRF token to send back in X-CSRF-Token',
        tags: ['identity'],
        response: {
          200: {
            type: 'object',
            required: ['kind', 'organisation', 'roles', 'departmentIds'],
            properties: {
              kind: { type: 'string', enum: ['user', 'token'] },
              user: s.userView,
              organisation: s.organisationView,
              roles: { type: 'array', items: { type: 'string' } },
              departmentIds: { type: 'array', items: { type: 'string' } },
              managedDepartmentIds: { type: 'array', items: { type: 'string' } },
              csrfToken: { type: 'string' },
            },
          },
          ...s.errorResponses,
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const csrfToken = auth.sessionId ? await sessionCsrfToken(ctx.db.kysely, auth.sessionId, readCookie(request, CSRF_COOKIE)) : undefined;
      return {
        kind: auth.kind,
        ...(auth.userId ? { user: await readUser(ctx.db.kysely, auth.orgId, auth.userId, ctx.clock()) } : {}),
        organisation: await readOrganisation(ctx.db.kysely, auth.orgId),
        roles: auth.roles,
        departmentIds: auth.departmentIds,
        managedDepartmentIds: auth.managedDepartmentIds,
        ...(csrfToken ? { csrfToken } : {}),
      };
    },
  );
};
