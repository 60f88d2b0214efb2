/**
 * An organisation's webhook endpoints: administrators add (the signing secret is shown once),
 * list, remove, and read the delivery log. The secret is stored wrapped by the master key,
 * since every delivery must be signed with it.
 */
import { AppError } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/identity/identity-context.js';
import { recordEvent } from '../../domain/audit/record-event.js';
import type { Role } from '../../domain/identity/roles.js';
import type { DeliveryStatus, WebhookEndpointsTable } from './messaging-tables.js';
import './messaging-tables.js';

export type WebhookContext = Pick<AppContext, 'db' | 'clock' | 'ids' | 'keyWrap'>;

export interface WebhookCaller extends Actor {
  readonly orgId: string;
  readonly roles: readonly Role[];
}

export interface WebhookEndpointView {
  readonly id: string;
  readonly url: string;
  readonly events: string[];
  readonly active: boolean;
  readonly createdAt: string;
}

export interface WebhookDeliveryView {
  readonly id: string;
  readonly event: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

export const secretLabel = (endpointId: string) => `webhook:${endpointId}`;

const view = (row: WebhookEndpointsTable): WebhookEndpointView => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  active: row.active === 1,
  createdAt: row.created_at,
});

function requireAdministrator(caller: WebhookCaller): void {
  if (!caller.roles.includes('administrator')) throw new AppError('FORBIDDEN', 'only administrators manage webhooks');
}

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'url is not a valid URL', { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('VALIDATION_FAILED', 'url must be http(s)', { field: 'url' });
  if (url.username || url.password) throw new AppError('VALIDATION_FAILED', 'url must not carry credentials', { field: 'url' });
  return url.href;
}

const ACTORS = { user: 'user', token: 'api_token', anonymous: 'anonymous', system: 'system' } as const;
const actorOf = (c: WebhookCaller) => ({ type: ACTORS[c.type], id: c.id });

export async function createWebhookEndpoint(
  ctx: WebhookContext,
  options: { caller: WebhookCaller; url: string; events: readonly string[] },
): Promise<WebhookEndpointView & { secret: string }> {
  const { caller } = options;
  requireAdministrator(caller);
  const url = checkUrl(options.url);
  const events = [...new Set(options.events)];
  if (events.length === 0) throw new AppError('VALIDATION_FAILED', 'events must name at least one event (or "*")', { field: 'events' });
  const id = ctx.ids.id();
  const secret = `whsec_${ctx.ids.random(32).toString('base64url')}`;
  const now = ctx.clock().toISOString();
  const row: WebhookEndpointsTable = {
    id,
    org_id: caller.orgId,
    url,
    events: JSON.stringify(events),
    wrapped_secret: ctx.keyWrap.wrap(Buffer.from(secret, 'utf8'), secretLabel(id)),
    active: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('webhook_endpoints').values(row).execute();
    await recordEvent(trx, ctx, { orgId: caller.orgId, action: 'webhook.created', actor: actorOf(caller), ip: caller.ip, userAgent: caller.userAgent, target: { type: 'webhook', id }, details: { url, events } });
  });
  return { ...view(row), secret };
}

export async function listWebhookEndpoints(ctx: Pick<WebhookContext, 'db'>, caller: WebhookCaller): Promise<WebhookEndpointView[]> {
  requireAdministrator(caller);
  const rows = await ctx.db.kysely.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', caller.orgId).orderBy('created_at').orderBy('id').execute();
  return rows.map(view);
}

export async function deleteWebhookEndpoint(ctx: WebhookContext, options: { caller: WebhookCaller; endpointId: string }): Promise<void> {
  const { caller } = options;
  requireAdministrator(caller);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('webhook_endpoints').select(['id', 'url']).where('org_id', '=', caller.orgId).where('id', '=', options.endpointId).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'webhook not found');
    await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', row.id).execute();
    await trx.deleteFrom('webhook_endpoints').where('id', '=', row.id).execute();
    await recordEvent(trx, ctx, { orgId: caller.orgId, action: 'webhook.deleted', actor: actorOf(caller), ip: caller.ip, userAgent: caller.userAgent, target: { type: 'webhook', id: row.id }, details: { url: row.url } });
  });
}

export async function listWebhookDeliveries(ctx: Pick<WebhookContext, 'db'>, caller: WebhookCaller, endpointId: string, limit = 50): Promise<WebhookDeliveryView[]> {
  requireAdministrator(caller);
  const endpoint = await ctx.db.kysely.selectFrom('webhook_endpoints').select('id').where('org_id', '=', caller.orgId).where('id', '=', endpointId).executeTakeFirst();
  if (!endpoint) throw new AppError('NOT_FOUND', 'webhook not found');
  const rows = await ctx.db.kysely
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 200))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  }));
}
