/**
 * Who is calling. The identity area's authentication hook (api/auth/authenticate.ts) fills
 * `request.auth` from the session cookie or an API token; routes declare who may call them
 * with `config: { access }` or guard themselves with `requireAuth` / `requireRole(...)`.
 */
import type { Role } from '../domain/identity/roles.js';

export type { Role } from '../domain/identity/roles.js';
export { requireAuth, requireRole, checkAccess, authOf, type Access } from './auth/access.js';

/** The authenticated principal of a request. */
export interface AuthContext {
  readonly kind: 'user' | 'token';
  readonly orgId: string;
  /** The user, for `kind: 'user'`; API tokens act for the organisation, not for a person. */
  readonly userId?: string;
  /** The API token, for `kind: 'token'`. */
  readonly tokenId?: string;
  readonly roles: readonly Role[];
  /** Departments the user belongs to. */
  readonly departmentIds: readonly string[];
  /** Departments the user manages (`department_manager` is in roles when not empty). */
  readonly managedDepartmentIds: readonly string[];
  /** How the caller authenticated. */
  readonly via: 'session' | 'api_token';
  /** The session, for cookie authentication. */
  readonly sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook; null for anonymous requests. */
    auth: AuthContext | null;
  }
}
