/**
 * The authentication hook, first on every request: an `Authorization: Bearer pt_…` header
 * authenticates an API token (no CSRF: browsers never send it on their own); otherwise the
 * session cookie authenticates a user, and then every state-changing method must carry the
 * session's CSRF token in X-CSRF-Token. Then the route's declared access is enforced.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { resolveApiToken } from '../../domain/identity/resolve-api-token.js';
import { resolveSession } from '../../domain/identity/resolve-session.js';
import { hashSecret, secretsEqual } from '../../domain/identity/secret-token.js';
import type { AuthContext } from '../auth.js';
import { checkAccess } from './access.js';
import { collectRoutes } from './route-catalogue.js';
import { CSRF_HEADER, SESSION_COOKIE, readCookie } from './cookies.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installAuthentication(app: FastifyInstance, ctx: AppContext): void {
  collectRoutes(app);
  app.addHook('onRequest', async (request) => {
    request.auth = await authenticate(ctx, request);
    const access = request.routeOptions.config?.access;
    if (access !== undefined) checkAccess(request.auth, access);
  });
}

async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<AuthContext | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(pt_[A-Za-z0-9_-]{20,100})$/.exec(authorization);
    if (!match) throw new AppError('UNAUTHENTICATED', 'unsupported or malformed Authorization header');
    const principal = await resolveApiToken(ctx, match[1]!);
    if (typeof principal === 'string') throw new AppError('UNAUTHENTICATED', 'invalid, expired or revoked API token');
    return { ...principal, via: 'api_token' };
  }
  const cookie = readCookie(request, SESSION_COOKIE);
  if (cookie === undefined) return null;
  const session = await resolveSession(ctx, cookie);
  if (typeof session === 'string') return null;
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !secretsEqual(hashSecret(header), session.csrfHash)) {
      // A public route (sign-in, set-up) does not need the session: serve it anonymously rather than refuse.
      if (request.routeOptions.config?.access === 'public') return null;
      throw new AppError('CSRF_FAILED', 'missing or wrong X-CSRF-Token header for this session');
    }
  }
  return { ...session.principal, via: 'session', sessionId: session.sessionId };
}
