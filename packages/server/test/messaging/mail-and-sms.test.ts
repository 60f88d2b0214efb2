/**
 * Mail and SMS: queued in the caller's transaction, delivered by the jobs queue. Without
 * SMTP/SMS settings messages stay in the outbox (GET /api/outbox); with SMTP they reach a real
 * SMTP server running in-process, with SMS_URL a local HTTP provider. Failures retry with
 * back-off and are recorded without the message body.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../../src/server.js';
import { manualClock } from '../../src/infra/clock.js';
import { queueMessage, type QueueMessageOptions } from '../../src/infra/mail/queue-message.js';
import { forEachDialect } from '../support/dialects.js';
import { createTestOrganisation, type Organisation, type Person } from '../credentials/support/people.js';

const CODE = '482913';

async function queue(server: ParapheServer, o: QueueMessageOptions): Promise<string> {
  return server.ctx.db.kysely.transaction().execute((trx) => queueMessage(trx, server.ctx, o));
}

/** The delivery job of a message (other areas' jobs may run in the same queue). */
async function jobOf(server: ParapheServer, messageId: string) {
  return server.ctx.db.kysely.selectFrom('jobs').selectAll().where('idempotency_key', '=', `message:${messageId}`).executeTakeFirstOrThrow();
}

async function outboxRow(server: ParapheServer, id: string) {
  return server.ctx.db.kysely.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** An SMTP server on loopback that parses what it receives; `refuseNext` makes it refuse recipients (450) that many times. */
async function startSmtp(): Promise<{ port: number; received: ParsedMail[]; refuseNext: number; close(): Promise<void> }> {
  const state = { received: [] as ParsedMail[], refuseNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refuseNext > 0) {
        state.refuseNext -= 1;
        return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 450 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return Object.assign(state, { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

interface SmsRequest {
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

async function startSmsProvider(): Promise<{ url: string; requests: SmsRequest[]; status: number; close(): Promise<void> }> {
  const state = { requests: [] as SmsRequest[], status: 200 };
  const server = createHttpServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString('utf8')));
    req.on('end', () => {
      state.requests.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(state.status, { 'content-type': 'application/json' }).end(`{"echo":${JSON.stringify(text)}}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/sms`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

forEachDialect('mail and SMS', (fx) => {
  describe('embedded default: the outbox', () => {
    let server: ParapheServer;
    let org: Organisation;
    let admin: Person;
    let member: Person;
    beforeAll(async () => {
      server = await createServer(await fx.config());
      org = await createTestOrganisation(server, 'Ville Outbox');
      admin = await org.person('Anne Admin', ['administrator']);
      member = await org.person('Marc Membre', ['member']);
    });
    afterAll(async () => server?.close());

    it('keeps mail and SMS in the outbox, delivered through the jobs queue, readable by administrators', async () => {
      const mailId = await queue(server, { orgId: org.id, channel: 'mail', to: 'citoyen@example.org', subject: 'Votre code', text: `Code : ${CODE}` });
      const smsId = await queue(server, { orgId: org.id, channel: 'sms', to: '+33 6 12 34 56 78', text: `Code ${CODE}` });
      expect((await outboxRow(server, mailId)).status).toBe('queued');
      await server.worker.runDue();
      for (const id of [mailId, smsId]) expect(await outboxRow(server, id)).toMatchObject({ status: 'sent', transport: 'outbox', attempts: 1 });

      const res = await server.app.inject({ method: 'GET', url: '/api/outbox?channel=mail', headers: admin.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([expect.objectContaining({ id: mailId, to: 'citoyen@example.org', subject: 'Votre code', text: `Code : ${CODE}`, status: 'sent' })]);
      expect((await server.app.inject({ method: 'GET', url: '/api/outbox', headers: member.headers })).statusCode).toBe(403);
      expect((await server.app.inject({ method: 'GET', url: '/api/outbox' })).statusCode).toBe(401);
      const other = await (await createTestOrganisation(server, 'Autre Ville')).person('Otto Admin', ['administrator']);
      expect((await server.app.inject({ method: 'GET', url: '/api/outbox', headers: other.headers })).json()).toEqual([]);
      expect((await server.app.inject({ method: 'GET', url: '/api/outbox?channel=fax', headers: admin.headers })).json().error.code).toBe('VALIDATION_FAILED');
    });

    it('refuses invalid recipients before anything is stored', async () => {
      const count = async () => (await server.ctx.db.kysely.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const before = await count();
      await expect(queue(server, { orgId: org.id, channel: 'mail', to: 'not an address', text: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(queue(server, { orgId: org.id, channel: 'sms', to: 'call me', text: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await count()).toBe(before);
    });
  });

  describe('SMTP and an SMS provider', () => {
    const clock = manualClock(new Date());
    let server: ParapheServer;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let sms: Awaited<ReturnType<typeof startSmsProvider>>;
    let org: Organisation;
    beforeAll(async () => {
      smtp = await startSmtp();
      sms = await startSmsProvider();
      const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Mairie <mairie@example.org>', SMS_URL: sms.url, SMS_TOKEN: 'provider-token', SMS_SENDER: 'MAIRIE' };
      server = await createServer(await fx.config({ env }), { clock });
      org = await createTestOrganisation(server, 'Ville SMTP');
    });
    afterAll(async () => {
      await server?.close();
      await smtp?.close();
      await sms?.close();
    });

    it('sends mail through the SMTP server; the receiver parses sender, recipient, subject, text, HTML and our Message-ID', async () => {
      const id = await queue(server, { orgId: org.id, channel: 'mail', to: 'notaire@example.org', subject: 'Document à signer', text: `Lien : https://x/s/${CODE}`, html: `<p>Lien : <a href="https://x/s/${CODE}">signer</a></p>` });
      await server.worker.runDue();
      expect((await jobOf(server, id)).status).toBe('done');
      const mail = smtp.received.at(-1)!;
      expect(mail.from?.value[0]).toMatchObject({ name: 'Mairie', address: 'mairie@example.org' });
      expect((mail.to as { text: string }).text).toBe('notaire@example.org');
      expect(mail.subject).toBe('Document à signer');
      expect(mail.text?.trim()).toBe(`Lien : https://x/s/${CODE}`);
      expect(mail.html).toContain(`href="https://x/s/${CODE}"`);
      expect(mail.messageId).toBe(`<${id}@localhost>`);
      expect(await outboxRow(server, id)).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, last_error: null });
      // A second run of the same job (at-least-once) does not send twice.
      const job = await jobOf(server, id);
      await server.ctx.db.kysely.updateTable('jobs').set({ status: 'pending' }).where('id', '=', job.id).execute();
      const before = smtp.received.length;
      await server.worker.runDue();
      expect(smtp.received.length).toBe(before);
    });

    it('retries a refused mail with back-off and records the reason without the body', async () => {
      smtp.refuseNext = 1;
      const before = smtp.received.length;
      const id = await queue(server, { orgId: org.id, channel: 'mail', to: 'maire@example.org', subject: 'Code', text: `Votre code : ${CODE}` });
      await server.worker.runDue();
      expect((await jobOf(server, id)).status).toBe('pending');
      const failed = await outboxRow(server, id);
      expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
      expect(failed.last_error).toMatch(/450/);
      const job = await jobOf(server, id);
      expect(`${failed.last_error} ${job.last_error}`).not.toContain(CODE);
      await server.worker.runDue(); // not due yet: back-off
      expect((await outboxRow(server, id)).attempts).toBe(1);
      clock.advance(3_600_000);
      await server.worker.runDue();
      expect((await jobOf(server, id)).status).toBe('done');
      expect(smtp.received.length).toBe(before + 1);
      expect(await outboxRow(server, id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    });

    it('sends SMS as a JSON POST with the bearer token; provider errors retry and end as failed', async () => {
      const id = await queue(server, { orgId: org.id, channel: 'sms', to: '+33612345678', text: `Code ${CODE}` });
      await server.worker.runDue();
      const request = sms.requests.at(-1)!;
      expect(request.headers.authorization).toBe('Bearer provider-token');
      expect(request.headers['idempotency-key']).toBe(id);
      expect(request.body).toEqual({ to: '+33612345678', text: `Code ${CODE}`, reference: id, sender: 'MAIRIE' });
      expect(await outboxRow(server, id)).toMatchObject({ status: 'sent', transport: 'http' });

      sms.status = 503;
      const failing = await server.ctx.db.kysely.transaction().execute((trx) => queueMessage(trx, server.ctx, { orgId: org.id, channel: 'sms', to: '+33612345679', text: `Code ${CODE}`, maxAttempts: 2 }));
      await server.worker.runDue();
      expect((await jobOf(server, failing)).status).toBe('pending');
      clock.advance(3_600_000);
      await server.worker.runDue();
      expect((await jobOf(server, failing)).status).toBe('dead');
      const row = await outboxRow(server, failing);
      expect(row).toMatchObject({ status: 'failed', attempts: 2, last_error: 'SMS provider answered HTTP 503' });
      sms.status = 200;
    });
  });
});
