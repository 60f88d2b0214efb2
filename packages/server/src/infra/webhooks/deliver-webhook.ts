/**
 * The delivery job of one webhook event: POSTs the stored body, signed with the endpoint's
 * secret and the current timestamp, and logs status, attempts and last error. Any 2xx is
 * delivered; anything else is retried by the jobs queue with back-off until the last attempt.
 * Receivers deduplicate on X-Paraphe-Delivery (delivery is at-least-once).
 */
import type { JobHandler } from '../jobs/handlers.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature.js';
import { secretLabel } from './webhook-endpoints.js';
import './messaging-tables.js';

export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
  readonly code = 'WEBHOOK_FAILED';
}

export function deliverWebhookJob(fetchImpl: typeof globalThis.fetch = globalThis.fetch): JobHandler<{ deliveryId: string }> {
  return async (job, ctx) => {
    const db = ctx.db.kysely;
    const delivery = await db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
      .select(['webhook_deliveries.id', 'webhook_deliveries.status', 'webhook_deliveries.payload', 'webhook_deliveries.event', 'webhook_endpoints.id as endpointId', 'webhook_endpoints.url', 'webhook_endpoints.wrapped_secret'])
      .where('webhook_deliveries.id', '=', job.payload.deliveryId)
      .executeTakeFirst();
    if (!delivery || delivery.status === 'delivered') return; // endpoint removed, or already done
    const secret = ctx.keyWrap.unwrap(delivery.wrapped_secret, secretLabel(delivery.endpointId)).toString('utf8');
    const timestamp = Math.floor(ctx.clock().getTime() / 1000);
    let statusCode: number | null = null;
    let failure: string | undefined;
    try {
      const response = await fetchImpl(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Paraphe-Webhooks/1',
          [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, delivery.payload),
          [TIMESTAMP_HEADER]: String(timestamp),
          'x-paraphe-event': delivery.event,
          'x-paraphe-delivery': delivery.id,
        },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) failure = `endpoint answered HTTP ${response.status}`;
    } catch (error) {
      failure = `endpoint unreachable: ${(error as Error).message}`;
    }
    const now = ctx.clock().toISOString();
    if (failure === undefined) {
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', attempts: job.attempt, last_status_code: statusCode, last_error: null, delivered_at: now, updated_at: now })
        .where('id', '=', delivery.id)
        .execute();
      return;
    }
    const jobRow = await db.selectFrom('jobs').select('max_attempts').where('id', '=', job.id).executeTakeFirst();
    const last = job.attempt >= (jobRow?.max_attempts ?? Number.POSITIVE_INFINITY);
    await db
      .updateTable('webhook_deliveries')
      .set({ status: last ? 'failed' : 'pending', attempts: job.attempt, last_status_code: statusCode, last_error: failure.slice(0, 1000), updated_at: now })
      .where('id', '=', delivery.id)
      .execute();
    throw new WebhookDeliveryError(failure);
  };
}
