/** The actor and caller a use case receives, taken from the request (principal, IP, user agent). */
import type { FastifyRequest } from 'fastify';
import type { Actor, Caller } from '../../domain/identity/identity-context.js';
import { authOf } from './access.js';

export function actorOf(request: FastifyRequest): Actor {
  const auth = request.auth;
  return {
    type: auth ? auth.kind : 'anonymous',
    id: auth ? (auth.userId ?? auth.tokenId ?? null) : null,
    ip: request.ip ?? null,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 500) : null,
  };
}

export function callerOf(request: FastifyRequest): Caller {
  const auth = authOf(request);
  return { ...actorOf(request), orgId: auth.orgId, roles: auth.roles };
}
