/**
 * Who may call a route. Every route declares it in its config (`config: { access: … }`); the
 * authentication hook enforces it before the body is even parsed, so a refused caller never
 * reaches validation or the use case.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Role } from '../../domain/identity/roles.js';
import type { AuthContext } from '../auth.js';

/** `'public'`: anyone; `'authenticated'`: any user or token of an organisation; roles: any one of them. */
export type Access = 'public' | 'authenticated' | { readonly roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function checkAccess(auth: AuthContext | null, access: Access): void {
  if (access === 'public') return;
  if (!auth) throw new AppError('UNAUTHENTICATED', 'authentication required');
  if (access === 'authenticated') return;
  if (!access.roles.some((role) => auth.roles.includes(role))) throw new AppError('FORBIDDEN', `requires role ${access.roles.join(' or ')}`);
}

/** Route guard for routes that prefer a preHandler: `{ preHandler: requireAuth }`. */
export async function requireAuth(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  checkAccess(request.auth, 'authenticated');
}

/** Route guard: `{ preHandler: requireRole('administrator') }`. */
export function requireRole(...roles: Role[]) {
  return async function checkRole(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    checkAccess(request.auth, { roles });
  };
}

/** The authenticated principal of a route whose access is not public (guards ran before). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', 'authentication required');
  return request.auth;
}
