/**
 * Who is calling. The identity area fills `request.auth` (sessions, API tokens, OIDC) and
 * implements `requireRole`; until then every request is anonymous and role checks refuse.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export type Role = 'administrator' | 'clerk' | 'department_manager' | 'member';

/** The authenticated principal of a request. Extended by the identity area. */
export interface AuthContext {
  readonly userId: string;
  readonly orgId: string;
  readonly roles: readonly Role[];
  /** How the caller authenticated. */
  readonly via: 'session' | 'api_token' | 'oidc';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the identity area's authentication hook; null for anonymous requests. */
    auth: AuthContext | null;
  }
}

/**
 * Route guard: `{ preHandler: requireRole('administrator') }`.
 * TODO(identity): resolve the session/API token into `request.auth` in an onRequest hook.
 */
export function requireRole(...roles: Role[]) {
  return async function checkRole(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const auth = request.auth;
    if (!auth) throw new AppError('UNAUTHENTICATED', 'authentication required');
    if (!roles.some((role) => auth.roles.includes(role))) throw new AppError('FORBIDDEN', `requires role ${roles.join(' or ')}`);
  };
}
