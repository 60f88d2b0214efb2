/**
 * Messaging: `GET /api/outbox` for administrators, and the start-up registration of the mail,
 * SMS and webhook delivery jobs (this plugin runs before the worker starts).
 */
import type { RoutePlugin } from '../route-plugin.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';
import { configuredTransports, deliverMessageJob } from '../../infra/mail/deliver-message.js';
import { DELIVER_MESSAGE_JOB } from '../../infra/mail/queue-message.js';
import { listOutbox } from '../../infra/mail/list-outbox.js';
import { DELIVER_WEBHOOK_JOB } from '../../infra/webhooks/emit-webhook-event.js';
import { deliverWebhookJob } from '../../infra/webhooks/deliver-webhook.js';

const messageView = {
  type: 'object',
  required: ['id', 'channel', 'to', 'subject', 'text', 'html', 'status', 'transport', 'attempts', 'lastError', 'createdAt', 'sentAt'],
  properties: {
    id: { type: 'string' },
    channel: { type: 'string', enum: ['mail', 'sms'] },
    to: { type: 'string' },
    subject: { type: ['string', 'null'] },
    text: { type: 'string' },
    html: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['queued', 'sent', 'failed'] },
    transport: { type: ['string', 'null'] },
    attempts: { type: 'integer' },
    lastError: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    sentAt: { type: ['string', 'null'] },
  },
} as const;

export const outboxRoutes: RoutePlugin = async (app, ctx) => {
  ctx.jobs.register(DELIVER_MESSAGE_JOB, deliverMessageJob(configuredTransports(ctx)));
  ctx.jobs.register(DELIVER_WEBHOOK_JOB, deliverWebhookJob());

  app.get<{ Querystring: { channel?: 'mail' | 'sms'; limit?: number } }>(
    '/api/outbox',
    {
      config: { access: { roles: ['administrator'] } },
      schema: {
        summary: "The organisation's outgoing mail and SMS, newest first (the embedded default keeps them here instead of sending)",
        tags: ['messaging'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { channel: { type: 'string', enum: ['mail', 'sms'] }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
        },
        response: { 200: { type: 'array', items: messageView }, ...s.errorResponses },
      },
    },
    async (request) => listOutbox(ctx, callerOf(request), request.query),
  );
};
