/** The outbox as administrators read it in the app: the organisation's messages, newest first. */
import { AppError } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Role } from '../../domain/identity/roles.js';
import '../webhooks/messaging-tables.js';

export interface OutboxMessageView {
  readonly id: string;
  readonly channel: 'mail' | 'sms';
  readonly to: string;
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  readonly status: 'queued' | 'sent' | 'failed';
  readonly transport: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

export async function listOutbox(
  ctx: Pick<AppContext, 'db'>,
  caller: { readonly orgId: string; readonly roles: readonly Role[] },
  options: { channel?: 'mail' | 'sms'; limit?: number } = {},
): Promise<OutboxMessageView[]> {
  if (!caller.roles.includes('administrator')) throw new AppError('FORBIDDEN', 'only administrators read the outbox');
  let query = ctx.db.kysely.selectFrom('outbox_messages').selectAll().where('org_id', '=', caller.orgId);
  if (options.channel) query = query.where('channel', '=', options.channel);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    subject: r.subject,
    text: r.body,
    html: r.html,
    status: r.status,
    transport: r.transport,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}
