/** API tokens for integrations, managed by administrators; the token text is returned once, at creation. */
import type { RoutePlugin } from '../route-plugin.js';
import { createApiToken } from '../../domain/identity/create-api-token.js';
import { listApiTokens } from '../../domain/identity/read-api-tokens.js';
import { revokeApiToken } from '../../domain/identity/revoke-api-token.js';
import type { AssignableRole } from '../../domain/identity/roles.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';

const tokenView = {
  type: 'object',
  required: ['id', 'name', 'hint', 'roles', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    hint: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    expiresAt: { type: ['string', 'null'] },
    lastUsedAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
  },
} as const;
const admin = { access: { roles: ['administrator'] } } as const;

export const tokensRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/tokens',
    { config: admin, schema: { summary: 'List API tokens (never their text)', tags: ['identity'], response: { 200: { type: 'array', items: tokenView }, ...s.errorResponses } } },
    async (request) => listApiTokens(ctx, callerOf(request)),
  );
  app.post<{ Body: { name: string; roles: AssignableRole[]; expiresAt?: string | null } }>(
    '/api/tokens',
    {
      config: admin,
      schema: {
        summary: 'Create an API token; its text is shown only in this answer',
        tags: ['identity'],
        body: {
          type: 'object',
          required: ['name', 'roles'],
          additionalProperties: false,
          properties: { name: s.name, roles: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: s.assignableRole }, expiresAt: { type: ['string', 'null'], format: 'date-time' } },
        },
        response: { 201: { type: 'object', required: ['token', 'apiToken'], properties: { token: { type: 'string' }, apiToken: tokenView } }, ...s.errorResponses },
      },
    },
    async (request, reply) => {
      const { token, view } = await createApiToken(ctx, { caller: callerOf(request), ...request.body });
      return reply.status(201).send({ token, apiToken: view });
    },
  );
  app.delete<{ Params: { id: string } }>(
    '/api/tokens/:id',
    { config: admin, schema: { summary: 'Revoke an API token', tags: ['identity'], params: s.idParams, response: { 204: { type: 'null' }, ...s.errorResponses } } },
    async (request, reply) => {
      await revokeApiToken(ctx, { caller: callerOf(request), tokenId: request.params.id });
      return reply.status(204).send();
    },
  );
};
