/**
 * Announces an event to an organisation's webhook endpoints subscribed to it: one delivery
 * row and one job per endpoint, in the caller's transaction (no event for a rolled-back change).
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import type { IdSource } from '../ids.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import './messaging-tables.js';

export const DELIVER_WEBHOOK_JOB = 'webhook.deliver';

export interface WebhookEvent {
  readonly orgId: string;
  /** Dotted name, e.g. `project.completed`. */
  readonly event: string;
  /** JSON-serialisable; never secrets. */
  readonly data: Record<string, unknown>;
  /** Deliver to this endpoint only, whatever it subscribed to (a test ping). */
  readonly only?: string;
}

/** Resolves to the delivery ids created (none when no endpoint listens). */
export async function emitWebhookEvent(db: Kysely<Database>, deps: { readonly clock: Clock; readonly ids: IdSource }, e: WebhookEvent): Promise<string[]> {
  let query = db.selectFrom('webhook_endpoints').select(['id', 'events']).where('org_id', '=', e.orgId).where('active', '=', 1);
  if (e.only) query = query.where('id', '=', e.only);
  const endpoints = await query.execute();
  const now = deps.clock().toISOString();
  const ids: string[] = [];
  for (const endpoint of endpoints) {
    const events = JSON.parse(endpoint.events) as string[];
    if (!e.only && !events.includes('*') && !events.includes(e.event)) continue;
    const id = deps.ids.id();
    // The body is fixed now, so every retry sends (and signs) exactly the same bytes.
    const payload = JSON.stringify({ id, event: e.event, createdAt: now, data: e.data });
    await db
      .insertInto('webhook_deliveries')
      .values({ id, endpoint_id: endpoint.id, org_id: e.orgId, event: e.event, payload, status: 'pending', attempts: 0, last_status_code: null, last_error: null, created_at: now, updated_at: now, delivered_at: null })
      .execute();
    await enqueueJob(db, deps, { name: DELIVER_WEBHOOK_JOB, payload: { deliveryId: id }, idempotencyKey: `webhook:${id}` });
    ids.push(id);
  }
  return ids;
}
