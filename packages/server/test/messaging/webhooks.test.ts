/**
 * Webhooks: endpoints per organisation (secret shown once), events delivered by jobs to a
 * local HTTP receiver that checks the HMAC-SHA256 signature over `t.body`, retries with
 * back-off after a failure, and the delivery log through the API; administrators only.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../../src/server.js';
import { manualClock } from '../../src/infra/clock.js';
import { emitWebhookEvent } from '../../src/infra/webhooks/emit-webhook-event.js';
import { checkWebhookSignature } from '../../src/infra/webhooks/webhook-signature.js';
import { forEachDialect } from '../support/dialects.js';
import { createTestOrganisation, type Organisation, type Person } from '../credentials/support/people.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function startReceiver(): Promise<{ url: string; received: Received[]; failNext: number; close(): Promise<void> }> {
  const state = { received: [] as Received[], failNext: 0 };
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      state.received.push({ headers: req.headers, body });
      if (state.failNext > 0) {
        state.failNext -= 1;
        res.writeHead(500).end('down');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/hooks`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

forEachDialect('webhooks', (fx) => {
  const clock = manualClock(new Date());
  let server: ParapheServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let org: Organisation;
  let admin: Person;
  let member: Person;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await createServer(await fx.config(), { clock });
    org = await createTestOrganisation(server, 'Ville Webhooks');
    admin = await org.person('Anne Admin', ['administrator']);
    member = await org.person('Marc Membre', ['member']);
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, who?: Person, payload?: unknown) =>
    server.app.inject({ method, url, ...(who ? { headers: who.headers } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
  const emit = (event: string, data: Record<string, unknown>) => server.ctx.db.kysely.transaction().execute((trx) => emitWebhookEvent(trx, server.ctx, { orgId: org.id, event, data }));

  it('delivers signed events; the receiver verifies the signature; failures retry with back-off; the log shows it', async () => {
    const created = await api('POST', '/api/webhooks', admin, { url: receiver.url, events: ['project.completed'] });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json() as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify((await api('GET', '/api/webhooks', admin)).json())).not.toContain(secret);

    receiver.failNext = 1;
    const [deliveryId] = await emit('project.completed', { projectId: 'p-1' });
    expect(await emit('project.created', { projectId: 'p-2' })).toEqual([]); // not subscribed
    await server.worker.runDue();
    let log = (await api('GET', `/api/webhooks/${id}/deliveries`, admin)).json() as { id: string; status: string; attempts: number; lastStatusCode: number; lastError: string }[];
    expect(log).toEqual([expect.objectContaining({ id: deliveryId, status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'endpoint answered HTTP 500' })]);

    clock.advance(3_600_000);
    await server.worker.runDue();
    log = (await api('GET', `/api/webhooks/${id}/deliveries`, admin)).json();
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204, lastError: null });

    expect(receiver.received).toHaveLength(2);
    const last = receiver.received[1]!;
    // The same bytes both times (the body is fixed at emission), signed afresh with the current time.
    expect(last.body).toBe(receiver.received[0]!.body);
    expect(JSON.parse(last.body)).toMatchObject({ id: deliveryId, event: 'project.completed', data: { projectId: 'p-1' } });
    const header = String(last.headers['x-paraphe-signature']);
    const now = Math.floor(clock().getTime() / 1000);
    expect(checkWebhookSignature(secret, header, last.body, now)).toEqual({ valid: true, timestamp: Number(last.headers['x-paraphe-timestamp']) });
    expect(last.headers['x-paraphe-delivery']).toBe(deliveryId);
    expect(last.headers['x-paraphe-event']).toBe('project.completed');
    // A receiver with the wrong secret, a changed body or a stale timestamp refuses it.
    expect(checkWebhookSignature('whsec_other', header, last.body, now)).toEqual({ valid: false, reason: 'MISMATCH' });
    expect(checkWebhookSignature(secret, header, last.body.replace('p-1', 'p-9'), now)).toEqual({ valid: false, reason: 'MISMATCH' });
    expect(checkWebhookSignature(secret, header, last.body, now + 3600)).toEqual({ valid: false, reason: 'TOO_OLD' });
  });

  it('pings one endpoint on demand; deleting it removes it and its log', async () => {
    const { id } = (await api('POST', '/api/webhooks', admin, { url: receiver.url, events: ['*'] })).json() as { id: string };
    const ping = await api('POST', `/api/webhooks/${id}/ping`, admin);
    expect(ping.statusCode).toBe(202);
    await server.worker.runDue();
    expect(JSON.parse(receiver.received.at(-1)!.body)).toMatchObject({ event: 'webhook.ping', data: { endpointId: id } });
    expect((await api('DELETE', `/api/webhooks/${id}`, admin)).statusCode).toBe(204);
    expect((await api('GET', `/api/webhooks/${id}/deliveries`, admin)).statusCode).toBe(404);
  });

  it('refuses anonymous callers, non-administrators, other organisations and bad input, storing nothing', async () => {
    const { id } = (await api('POST', '/api/webhooks', admin, { url: receiver.url, events: ['*'] })).json() as { id: string };
    const count = async () => (await server.ctx.db.kysely.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const other = await (await createTestOrganisation(server, 'Autre Ville')).person('Otto Admin', ['administrator']);
    const cases: [string, Promise<{ statusCode: number; json(): unknown }>, number, string][] = [
      ['anonymous create', api('POST', '/api/webhooks', undefined, { url: receiver.url, events: ['*'] }), 401, 'UNAUTHENTICATED'],
      ['member create', api('POST', '/api/webhooks', member, { url: receiver.url, events: ['*'] }), 403, 'FORBIDDEN'],
      ['member list', api('GET', '/api/webhooks', member), 403, 'FORBIDDEN'],
      ['other organisation log', api('GET', `/api/webhooks/${id}/deliveries`, other), 404, 'NOT_FOUND'],
      ['other organisation delete', api('DELETE', `/api/webhooks/${id}`, other), 404, 'NOT_FOUND'],
      ['other organisation ping', api('POST', `/api/webhooks/${id}/ping`, other), 404, 'NOT_FOUND'],
      ['not a URL', api('POST', '/api/webhooks', admin, { url: 'ftp://example.org/x', events: ['*'] }), 400, 'VALIDATION_FAILED'],
      ['bad event name', api('POST', '/api/webhooks', admin, { url: receiver.url, events: ['DROP TABLE'] }), 400, 'VALIDATION_FAILED'],
      ['unknown field', api('POST', '/api/webhooks', admin, { url: receiver.url, events: ['*'], secret: 'mine' }), 400, 'VALIDATION_FAILED'],
      ['malformed id', api('DELETE', '/api/webhooks/not-a-uuid', admin), 400, 'VALIDATION_FAILED'],
    ];
    for (const [label, response, status, code] of cases) {
      const res = await response;
      expect(res.statusCode, label).toBe(status);
      expect((res.json() as { error: { code: string } }).error.code, label).toBe(code);
    }
    expect(await count()).toBe(before);
  });
});
