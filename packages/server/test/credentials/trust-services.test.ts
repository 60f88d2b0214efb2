/**
 * The trust-service endpoints over HTTP: the RFC 3161 TSA answers an openssl query with a
 * token openssl verifies against the platform root; OCSP answers the GET form (base64 in the
 * path, URL-encoded or not); wrong content types and garbage get coded refusals.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOcspRequest, parseOcspResponse, toPem } from '@paraphe/pki';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../../src/server.js';
import { issuePersonalCertificate } from '../../src/domain/credentials/issue-personal-certificate.js';
import { forEachDialect } from '../support/dialects.js';
import { createTestOrganisation } from './support/people.js';
import { requireTool, runOk, run } from './support/tools.js';

forEachDialect('trust-service endpoints', (fx) => {
  let server: ParapheServer;
  let dir: string;
  beforeAll(async () => {
    requireTool('openssl');
    dir = await mkdtemp(join(tmpdir(), 'paraphe-trust-'));
    server = await createServer(await fx.config());
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the TSA answers an openssl query with a token openssl verifies against the platform root', async () => {
    await writeFile(join(dir, 'data.txt'), 'procès-verbal du conseil municipal');
    await writeFile(join(dir, 'root.pem'), toPem(server.ctx.pki.root.certificate));
    await writeFile(join(dir, 'ca.pem'), toPem(server.ctx.pki.ca.certificate));
    await runOk('openssl', ['ts', '-query', '-data', join(dir, 'data.txt'), '-sha256', '-cert', '-out', join(dir, 'q.tsq')]);
    const res = await server.app.inject({ method: 'POST', url: '/pki/tsa', headers: { 'content-type': 'application/timestamp-query' }, payload: await readFile(join(dir, 'q.tsq')) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/timestamp-reply');
    await writeFile(join(dir, 'r.tsr'), res.rawPayload);
    const check = await run('openssl', ['ts', '-verify', '-in', join(dir, 'r.tsr'), '-data', join(dir, 'data.txt'), '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'ca.pem')]);
    expect(check.stdout + check.stderr).toContain('Verification: OK');
  });

  it('OCSP answers the GET form, with the request URL-encoded or not', async () => {
    const org = await createTestOrganisation(server, 'Ville OCSP');
    const person = await org.person('Olga Ocsp', ['member']);
    const credential = await issuePersonalCertificate(server.ctx, { caller: person.caller, signingPassword: 'ocsp signing password' });
    const request = createOcspRequest((await import('@paraphe/pki')).derFromInput(credential.certificatePem), server.ctx.pki.ca.certificate);
    const b64 = Buffer.from(request).toString('base64');
    for (const path of [encodeURIComponent(b64), b64]) {
      const res = await server.app.inject({ method: 'GET', url: `/pki/ocsp/${path}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/ocsp-response');
      const answer = parseOcspResponse(new Uint8Array(res.rawPayload));
      expect(answer.responses[0]?.status).toBe('good');
    }
    const garbage = await server.app.inject({ method: 'GET', url: '/pki/ocsp/bm90IGFuIE9DU1AgcmVxdWVzdA==' });
    expect(parseOcspResponse(new Uint8Array(garbage.rawPayload)).responseStatus).toBe('malformedRequest');
  });

  it('refuses wrong content types (415) and garbage time-stamp queries (400)', async () => {
    const json = await server.app.inject({ method: 'POST', url: '/pki/tsa', payload: { not: 'a query' } });
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const ocspJson = await server.app.inject({ method: 'POST', url: '/pki/ocsp', payload: { not: 'a request' } });
    expect([ocspJson.statusCode, ocspJson.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const garbage = await server.app.inject({ method: 'POST', url: '/pki/tsa', headers: { 'content-type': 'application/timestamp-query' }, payload: Buffer.from('garbage') });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('VALIDATION_FAILED');
    const huge = await server.app.inject({ method: 'POST', url: '/pki/ocsp', headers: { 'content-type': 'application/ocsp-request' }, payload: Buffer.alloc(100_000) });
    expect([huge.statusCode, huge.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
