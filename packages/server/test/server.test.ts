import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../src/server.js';
import { forEachDialect } from './support/dialects.js';

forEachDialect('server', (fx) => {
  let server: ParapheServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers /api/health with the database in use', async () => {
    server = await createServer(await fx.config());
    const res = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: fx.dialect, version: '0.1.0' });
  });

  it('answers 503 UNAVAILABLE when the database is gone', async () => {
    server = await createServer(await fx.config());
    await server.ctx.db.close();
    const res = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('UNAVAILABLE');
    await server.app.close();
    server = undefined; // its database is already closed
  });

  it('believes X-Forwarded-For only from trusted proxies', async () => {
    const probe = async (app: import('fastify').FastifyInstance) => {
      app.get('/api/test/ip', async (request) => ({ ip: request.ip }));
    };
    server = await createServer(await fx.config(), { routes: [probe] });
    const direct = await server.app.inject({ method: 'GET', url: '/api/test/ip', headers: { 'x-forwarded-for': '203.0.113.9' }, remoteAddress: '198.51.100.1' });
    expect(direct.json()).toEqual({ ip: '198.51.100.1' });
    await server.close();
    server = await createServer(await fx.config({ env: { PARAPHE_TRUST_PROXY: '198.51.100.0/24' } }), { routes: [probe] });
    const proxied = await server.app.inject({ method: 'GET', url: '/api/test/ip', headers: { 'x-forwarded-for': '203.0.113.9' }, remoteAddress: '198.51.100.1' });
    expect(proxied.json()).toEqual({ ip: '203.0.113.9' });
  });

  it('runs migrations idempotently on a second start', async () => {
    const config = await fx.config({ freshSchema: true });
    server = await createServer(config);
    await server.close();
    server = await createServer(config);
    const rows = await server.ctx.db.kysely.selectFrom('organisations').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('unknown routes give 404 NOT_FOUND as JSON', async () => {
    server = await createServer(await fx.config());
    const res = await server.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /api/nope' } });
  });

  it('serves an OpenAPI 3.1 document listing every registered route', async () => {
    server = await createServer(await fx.config(), {
      routes: [
        async (app) => {
          app.post('/api/test/echo/:id', { schema: { params: { type: 'object', properties: { id: { type: 'string' } } } } }, async (req) => req.params);
        },
      ],
    });
    const res = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const visible = server.routes.filter((r) => !r.hidden);
    expect(visible.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /api/health', 'GET /api/audit/verify', 'POST /api/test/echo/:id']));
    const missing = visible.filter((r) => doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()] === undefined);
    expect(missing).toEqual([]);
  });
});

describe('forEachDialect', () => {
  it('covers both databases', async () => {
    const { DIALECTS } = await import('./support/dialects.js');
    expect(DIALECTS).toEqual(['sqlite', 'postgres']);
  });
});
