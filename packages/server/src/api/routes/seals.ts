/** Departmental seals: administrators create, revoke and grant them; everyone sees which they may apply. */
import type { RoutePlugin } from '../route-plugin.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';
import { createSeal } from '../../domain/credentials/create-seal.js';
import { grantSeal, listSealGrants, withdrawSealGrant } from '../../domain/credentials/seal-grants.js';
import { getSeal, listSeals, revokeSeal } from '../../domain/credentials/revoke-seal.js';
import type { ClientRevocationReason } from '../../domain/credentials/credential-context.js';
import { revokeBody } from './credentials.js';

const tags = ['seals'];
const admin = { access: { roles: ['administrator'] } } as const;
const signedIn = { access: 'authenticated' } as const;
const sealProps = {
  id: { type: 'string' },
  departmentId: { type: 'string' },
  subject: { type: 'string' },
  serial: { type: 'string' },
  custody: { type: 'string', enum: ['server', 'pkcs11'] },
  status: { type: 'string', enum: ['active', 'revoked'] },
  revokedAt: { type: ['string', 'null'] },
  certificatePem: { type: 'string' },
  chainPem: { type: 'string' },
  createdAt: { type: 'string' },
} as const;
const sealView = { type: 'object', required: Object.keys(sealProps), properties: sealProps } as const;
const grantParams = {
  type: 'object',
  required: ['id', 'userId'],
  additionalProperties: false,
  properties: { id: { type: 'string', format: 'uuid' }, userId: { type: 'string', format: 'uuid' } },
} as const;

export const sealRoutes: RoutePlugin = async (app, ctx) => {
  app.post<{ Body: { departmentId: string; custody?: 'server' | 'pkcs11' } }>(
    '/api/seals',
    {
      config: admin,
      schema: {
        summary: "Create a department's seal (key wrapped by the master key, or on the configured PKCS#11 token)",
        tags,
        body: {
          type: 'object',
          required: ['departmentId'],
          additionalProperties: false,
          properties: { departmentId: { type: 'string', format: 'uuid' }, custody: { type: 'string', enum: ['server', 'pkcs11'] } },
        },
        response: { 201: sealView, ...s.errorResponses, 503: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => reply.status(201).send(await createSeal(ctx, { caller: callerOf(request), ...request.body })),
  );
  app.get(
    '/api/seals',
    {
      config: signedIn,
      schema: {
        summary: "The organisation's seals, each saying whether the caller may apply it",
        tags,
        response: { 200: { type: 'array', items: { type: 'object', properties: { ...sealProps, mayApply: { type: 'boolean' } } } }, ...s.errorResponses },
      },
    },
    async (request) => listSeals(ctx, callerOf(request)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/seals/:id',
    { config: signedIn, schema: { summary: 'One seal', tags, params: s.idParams, response: { 200: sealView, ...s.errorResponses } } },
    async (request) => getSeal(ctx, callerOf(request), request.params.id),
  );
  app.get<{ Params: { id: string } }>(
    '/api/seals/:id/grants',
    {
      config: admin,
      schema: {
        summary: 'Who may apply this seal',
        tags,
        params: s.idParams,
        response: { 200: { type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, grantedBy: { type: ['string', 'null'] }, createdAt: { type: 'string' } } } }, ...s.errorResponses },
      },
    },
    async (request) => listSealGrants(ctx, callerOf(request), request.params.id),
  );
  app.put<{ Params: { id: string; userId: string } }>(
    '/api/seals/:id/grants/:userId',
    { config: admin, schema: { summary: 'Allow a person to apply this seal', tags, params: grantParams, response: { 204: { type: 'null' }, ...s.errorResponses } } },
    async (request, reply) => {
      await grantSeal(ctx, { caller: callerOf(request), sealId: request.params.id, userId: request.params.userId });
      return reply.status(204).send();
    },
  );
  app.delete<{ Params: { id: string; userId: string } }>(
    '/api/seals/:id/grants/:userId',
    { config: admin, schema: { summary: 'Withdraw the right to apply this seal', tags, params: grantParams, response: { 204: { type: 'null' }, ...s.errorResponses } } },
    async (request, reply) => {
      await withdrawSealGrant(ctx, { caller: callerOf(request), sealId: request.params.id, userId: request.params.userId });
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { id: string }; Body: { reason?: ClientRevocationReason } }>(
    '/api/seals/:id/revoke',
    { config: admin, schema: { summary: 'Revoke a seal; OCSP and the CRL say so at once', tags, params: s.idParams, body: revokeBody, response: { 200: sealView, ...s.errorResponses } } },
    async (request) => revokeSeal(ctx, { caller: callerOf(request), sealId: request.params.id, ...(request.body?.reason ? { reason: request.body.reason } : {}) }),
  );
};
