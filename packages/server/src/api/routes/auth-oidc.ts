/** Staff sign-on through OpenID Connect, when OIDC_ISSUER is configured: start (redirect to the provider) and callback. */
import type { RoutePlugin } from '../route-plugin.js';
import { AppError } from '../../errors.js';
import { oidcRelyingParty } from '../../domain/identity/oidc-client.js';
import { completeOidcSignIn, startOidcSignIn } from '../../domain/identity/oidc-sign-in.js';
import { actorOf } from '../auth/caller.js';
import { OIDC_FLOW_COOKIE, readCookie, secureCookies, setCookie } from '../auth/cookies.js';
import { setSessionCookies } from '../auth/session-cookies.js';
import * as s from '../auth/schemas.js';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export const authOidcRoutes: RoutePlugin = async (app, ctx) => {
  const config = ctx.config.oidc;
  const party = config ? oidcRelyingParty(config, `${ctx.config.publicUrl}${OIDC_CALLBACK_PATH}`) : undefined;
  const enabled = () => {
    if (!party) throw new AppError('NOT_FOUND', 'OIDC sign-on is not configured on this server');
    return party;
  };
  const secure = secureCookies(ctx.config.publicUrl);

  app.get<{ Querystring: { organisation?: string; returnTo?: string } }>(
    '/api/auth/oidc/start',
    {
      config: { access: 'public' },
      schema: {
        summary: "Redirect to the organisation's OpenID provider",
        tags: ['identity'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { organisation: { type: 'string', minLength: 1, maxLength: 100 }, returnTo: { type: 'string', maxLength: 500 } },
        },
        response: { 302: { type: 'null' }, ...s.errorResponses },
      },
    },
    async (request, reply) => {
      const { authorizationUrl, browserSecret } = await startOidcSignIn(ctx, enabled(), request.query);
      setCookie(reply, OIDC_FLOW_COOKIE, browserSecret, { httpOnly: true, secure, maxAge: 600 });
      return reply.redirect(authorizationUrl.href, 302);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    {
      config: { access: 'public' },
      schema: {
        summary: 'Where the OpenID provider sends the browser back; opens the session',
        tags: ['identity'],
        querystring: { type: 'object', additionalProperties: true, properties: { code: { type: 'string' }, state: { type: 'string' } } },
        response: { 302: { type: 'null' }, ...s.errorResponses },
      },
    },
    async (request, reply) => {
      const party = enabled();
      setCookie(reply, OIDC_FLOW_COOKIE, '', { httpOnly: true, secure, maxAge: 0 });
      const callbackUrl = new URL(request.url, ctx.config.publicUrl);
      const result = await completeOidcSignIn(ctx, party, { browserSecret: readCookie(request, OIDC_FLOW_COOKIE), callbackUrl, actor: actorOf(request) });
      setSessionCookies(reply, ctx.config, result, ctx.clock());
      return reply.redirect(result.returnTo, 302);
    },
  );
};
