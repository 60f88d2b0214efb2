/**
 * The delivery job of an outbox message: sends it through the configured transport (SMTP for
 * mail, the HTTP provider for SMS, else the outbox itself) and records the outcome. Idempotent:
 * a message already sent is not sent again. A failure is recorded and rethrown so the jobs
 * queue retries with back-off; after the last attempt the message is marked failed.
 */
import type { AppContext } from '../../context.js';
import type { JobHandler } from '../jobs/handlers.js';
import { httpSmsTransport } from '../sms/http-sms-transport.js';
import { outboxTransport, type MessageTransport } from './message-transport.js';
import { smtpTransport } from './smtp-transport.js';

export interface MessageTransports {
  readonly mail: MessageTransport;
  readonly sms: MessageTransport;
}

export function configuredTransports(ctx: Pick<AppContext, 'config'>): MessageTransports {
  const { smtp, sms, publicUrl } = ctx.config;
  return {
    mail: smtp ? smtpTransport(smtp, new URL(publicUrl).hostname) : outboxTransport,
    sms: sms ? httpSmsTransport(sms) : outboxTransport,
  };
}

export function deliverMessageJob(transports: MessageTransports): JobHandler<{ messageId: string }> {
  return async (job, ctx) => {
    const db = ctx.db.kysely;
    const message = await db.selectFrom('outbox_messages').selectAll().where('id', '=', job.payload.messageId).executeTakeFirst();
    if (!message || message.status === 'sent') return;
    const transport = transports[message.channel];
    try {
      await transport.send({ id: message.id, channel: message.channel, to: message.recipient, subject: message.subject, text: message.body, html: message.html });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const row = await db.selectFrom('jobs').select('max_attempts').where('id', '=', job.id).executeTakeFirst();
      const last = job.attempt >= (row?.max_attempts ?? Number.POSITIVE_INFINITY);
      await db
        .updateTable('outbox_messages')
        .set({ attempts: job.attempt, last_error: reason.slice(0, 1000), ...(last ? { status: 'failed' as const } : {}) })
        .where('id', '=', message.id)
        .execute();
      throw error;
    }
    await db
      .updateTable('outbox_messages')
      .set({ status: 'sent', transport: transport.name, attempts: job.attempt, last_error: null, sent_at: ctx.clock().toISOString() })
      .where('id', '=', message.id)
      .execute();
  };
}
