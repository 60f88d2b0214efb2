/** The server serving the built web app: files, history fallback, API paths kept, and a clear page when the build is missing. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, loadConfig, type AppContext, type ParapheServer } from '@paraphe/server';
// The plugin is internal to the server; its test lives with the web app it serves.
import { webAppRoutes } from '../../../server/src/api/static-web.js';
import { WEB_DIST, ensureWebBuilt } from '../e2e/support/web-build.js';

let server: ParapheServer;
let dataDir: string;

beforeAll(async () => {
  await ensureWebBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'paraphe-static-web-'));
  const env = { PARAPHE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PARAPHE_WORKER: 'off', PARAPHE_MASTER_KEY: randomBytes(32).toString('hex') };
  server = await createServer(loadConfig(env), { announce: () => undefined });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (url: string) => server.app.inject({ method: 'GET', url });

describe('the web app at /', () => {
  it.each(['/', '/verify', '/login', '/setup?token=abc', '/some/deep/page'])('%s gets index.html with security headers', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<div id="root"></div>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('serves the hashed assets as immutable with their type', async () => {
    const js = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js'));
    const res = await get(`/assets/${js}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it.each(['/api/nope', '/api', '/pki/unknown', '/assets/missing.js', '/%2e%2e/package.json', '/..%2f..%2fpackage.json'])('%s is a JSON 404, never the app or a file outside dist', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('a malformed percent-encoding is a JSON 4xx', async () => {
    const res = await get('/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/json');
  });

  it('HEAD works like GET', async () => {
    const res = await server.app.inject({ method: 'HEAD', url: '/verify' });
    expect(res.statusCode).toBe(200);
  });
});

describe('without a build', () => {
  it('answers pages with 503 and how to build, and still 404 for API paths', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'paraphe-no-dist-'));
    const app = Fastify();
    try {
      await webAppRoutes(empty)(app, {} as AppContext);
      const page = await app.inject({ method: 'GET', url: '/verify' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build -w @paraphe/web');
      expect((await app.inject({ method: 'GET', url: '/api/x' })).statusCode).toBe(404);
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
