import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../src/server.js';
import type { RoutePlugin } from '../src/api/route-plugin.js';
import { forEachDialect } from './support/dialects.js';
import { saveBlob } from '../src/infra/blobs/save-blob.js';

/** A route that stores what it is given, to prove rejected requests store nothing. */
const storeOrganisation: RoutePlugin = async (app, ctx) => {
  app.post<{ Body: { name: string; slug: string } }>(
    '/api/test/organisations',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name', 'slug'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, slug: { type: 'string', pattern: '^[a-z0-9-]+$' } },
        },
      },
    },
    async (request, reply) => {
      const id = ctx.ids.id();
      await ctx.db.kysely.insertInto('organisations').values({ id, ...request.body, created_at: ctx.clock().toISOString() }).execute();
      return reply.status(201).send({ id });
    },
  );
};

/** An upload route: stores the raw body as a blob. */
const upload: RoutePlugin = async (app, ctx) => {
  app.post('/api/test/upload', async (request, reply) => {
    const stored = await saveBlob(ctx, ctx.db.kysely, request.body as Buffer, 'application/pdf');
    return reply.status(201).send({ sha256: stored.sha256 });
  });
};

forEachDialect('bad input', (fx) => {
  let server: ParapheServer;
  beforeAll(async () => {
    server = await createServer(await fx.config({ env: { PARAPHE_BODY_LIMIT: '2048', PARAPHE_UPLOAD_LIMIT: '8192' } }), { routes: [storeOrganisation, upload] });
  });
  afterAll(async () => server.close());

  const post = (payload: string, contentType = 'application/json') =>
    server.app.inject({ method: 'POST', url: '/api/test/organisations', payload, headers: { 'content-type': contentType } });
  const count = async () => (await server.ctx.db.kysely.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it.each([
    ['malformed JSON', '{"name": "x", ', 400, 'VALIDATION_FAILED'],
    ['empty body', '', 400, 'VALIDATION_FAILED'],
    ['wrong type', '{"name": 12, "slug": {"a": 1}}', 400, 'VALIDATION_FAILED'],
    ['missing field', '{"name": "Ville"}', 400, 'VALIDATION_FAILED'],
    ['unknown field', '{"name": "Ville", "slug": "ville", "admin": true}', 400, 'VALIDATION_FAILED'],
    ['oversized body', JSON.stringify({ name: 'x'.repeat(4000), slug: 'big' }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('%s → %i %s and nothing stored', async (_label, payload, status, code) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(status);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await count()).toBe(0);
  });

  it('an unsupported content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await post('name=x', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await count()).toBe(0);
  });

  it('uploads have their own limit: above the JSON limit is fine, above the upload limit is 413 and stores nothing', async () => {
    const blobs = async () => (await server.ctx.db.kysely.selectFrom('blobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const send = (size: number) => server.app.inject({ method: 'POST', url: '/api/test/upload', payload: Buffer.alloc(size, 0x25), headers: { 'content-type': 'application/pdf' } });
    const tooBig = await send(9000);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await blobs()).toBe(0);
    const ok = await send(5000);
    expect(ok.statusCode).toBe(201);
    expect(await blobs()).toBe(1);
  });

  it('a valid body is stored (the route works)', async () => {
    const res = await post('{"name": "Ville de Test", "slug": "ville"}');
    expect(res.statusCode).toBe(201);
    expect(await count()).toBe(1);
  });

  it('a database constraint violation surfaces as 500 INTERNAL without internals', async () => {
    const res = await post('{"name": "Ville de Test", "slug": "ville"}');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(await count()).toBe(1);
  });
});
