/**
 * Queues a mail or SMS: an outbox row and a delivery job, written in the caller's transaction
 * so the message exists exactly when the change it announces committed.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import type { IdSource } from '../ids.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import '../webhooks/messaging-tables.js';

export const DELIVER_MESSAGE_JOB = 'messaging.deliver';

export interface QueueMessageOptions {
  readonly orgId: string | null;
  readonly channel: 'mail' | 'sms';
  readonly to: string;
  /** Mail only. */
  readonly subject?: string;
  readonly text: string;
  /** Mail only. */
  readonly html?: string;
  /** Delivery tries before the message is marked failed (default 8). */
  readonly maxAttempts?: number;
}

export async function queueMessage(db: Kysely<Database>, deps: { readonly clock: Clock; readonly ids: IdSource }, o: QueueMessageOptions): Promise<string> {
  const to = o.to.trim();
  if (o.channel === 'mail' && !/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(to)) throw new AppError('VALIDATION_FAILED', 'invalid mail recipient', { field: 'to' });
  if (o.channel === 'sms' && !/^\+?[0-9 ().-]{6,20}$/.test(to)) throw new AppError('VALIDATION_FAILED', 'invalid phone number', { field: 'to' });
  const id = deps.ids.id();
  await db
    .insertInto('outbox_messages')
    .values({
      id,
      org_id: o.orgId,
      channel: o.channel,
      recipient: to,
      subject: o.channel === 'mail' ? (o.subject ?? '') : null,
      body: o.text,
      html: o.channel === 'mail' ? (o.html ?? null) : null,
      status: 'queued',
      last_error: null,
      created_at: deps.clock().toISOString(),
      sent_at: null,
      transport: null,
    })
    .execute();
  await enqueueJob(db, deps, { name: DELIVER_MESSAGE_JOB, payload: { messageId: id }, idempotencyKey: `message:${id}`, ...(o.maxAttempts ? { maxAttempts: o.maxAttempts } : {}) });
  return id;
}
