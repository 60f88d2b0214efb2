/** Webhook endpoints of the organisation and their delivery log; administrators only. */
import type { RoutePlugin } from '../route-plugin.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints } from '../../infra/webhooks/webhook-endpoints.js';
import { emitWebhookEvent } from '../../infra/webhooks/emit-webhook-event.js';
import { AppError } from '../../errors.js';

const admin = { access: { roles: ['administrator'] } } as const;
const tags = ['webhooks'];
const endpointProps = {
  id: { type: 'string' },
  url: { type: 'string' },
  events: { type: 'array', items: { type: 'string' } },
  active: { type: 'boolean' },
  createdAt: { type: 'string' },
} as const;
const endpointView = { type: 'object', required: ['id', 'url', 'events', 'active', 'createdAt'], properties: endpointProps } as const;
const deliveryView = {
  type: 'object',
  required: ['id', 'event', 'status', 'attempts', 'lastStatusCode', 'lastError', 'createdAt', 'deliveredAt'],
  properties: {
    id: { type: 'string' },
    event: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    deliveredAt: { type: ['string', 'null'] },
  },
} as const;

export const webhookRoutes: RoutePlugin = async (app, ctx) => {
  app.post<{ Body: { url: string; events: string[] } }>(
    '/api/webhooks',
    {
      config: admin,
      schema: {
        summary: 'Add a webhook endpoint; the answer holds its signing secret, shown this once',
        tags,
        body: {
          type: 'object',
          required: ['url', 'events'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', minLength: 8, maxLength: 2000 },
            events: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', pattern: '^(\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+)$' } },
          },
        },
        response: { 201: { type: 'object', required: ['id', 'url', 'events', 'active', 'createdAt', 'secret'], properties: { ...endpointProps, secret: { type: 'string' } } }, ...s.errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhookEndpoint(ctx, { caller: callerOf(request), ...request.body })),
  );
  app.get(
    '/api/webhooks',
    { config: admin, schema: { summary: 'List webhook endpoints', tags, response: { 200: { type: 'array', items: endpointView }, ...s.errorResponses } } },
    async (request) => listWebhookEndpoints(ctx, callerOf(request)),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/webhooks/:id',
    { config: admin, schema: { summary: 'Remove a webhook endpoint and its delivery log', tags, params: s.idParams, response: { 204: { type: 'null' }, ...s.errorResponses } } },
    async (request, reply) => {
      await deleteWebhookEndpoint(ctx, { caller: callerOf(request), endpointId: request.params.id });
      return reply.status(204).send();
    },
  );
  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/api/webhooks/:id/deliveries',
    {
      config: admin,
      schema: {
        summary: 'Delivery log of an endpoint (status, attempts, last error), newest first',
        tags,
        params: s.idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 200 } } },
        response: { 200: { type: 'array', items: deliveryView }, ...s.errorResponses },
      },
    },
    async (request) => listWebhookDeliveries(ctx, callerOf(request), request.params.id, request.query.limit),
  );
  app.post<{ Params: { id: string } }>(
    '/api/webhooks/:id/ping',
    { config: admin, schema: { summary: 'Send a webhook.ping event to this endpoint', tags, params: s.idParams, response: { 202: { type: 'object', properties: { deliveryId: { type: 'string' } } }, ...s.errorResponses } } },
    async (request, reply) => {
      const caller = callerOf(request);
      const endpoint = await ctx.db.kysely.selectFrom('webhook_endpoints').select('id').where('org_id', '=', caller.orgId).where('id', '=', request.params.id).executeTakeFirst();
      if (!endpoint) throw new AppError('NOT_FOUND', 'webhook not found');
      const [deliveryId] = await ctx.db.kysely.transaction().execute((trx) =>
        emitWebhookEvent(trx, ctx, { orgId: caller.orgId, event: 'webhook.ping', data: { endpointId: endpoint.id }, only: endpoint.id }),
      );
      return reply.status(202).send({ deliveryId });
    },
  );
};
