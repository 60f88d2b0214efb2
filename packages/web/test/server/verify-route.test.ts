/** POST /api/verify on the real server: the validator's report for any PDF, 4xx with a code for anything else. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '@paraphe/pades';
import { createServer, loadConfig, type ParapheServer } from '@paraphe/server';
import { samplePdfs, SIGNER_NAME, type SamplePdfs } from '../e2e/support/sample-pdfs.js';

const UPLOAD_LIMIT = 64 * 1024;
let server: ParapheServer;
let dataDir: string;
let pdfs: SamplePdfs;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'paraphe-verify-route-'));
  const env = { PARAPHE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PARAPHE_WORKER: 'off', PARAPHE_UPLOAD_LIMIT: String(UPLOAD_LIMIT), PARAPHE_MASTER_KEY: randomBytes(32).toString('hex') };
  server = await createServer(loadConfig(env), { announce: () => undefined });
  pdfs = await samplePdfs(server);
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function post(body: Uint8Array | string, contentType = 'application/pdf') {
  return server.app.inject({ method: 'POST', url: '/api/verify', payload: Buffer.from(body), headers: { 'content-type': contentType } });
}

describe('POST /api/verify', () => {
  it('returns the validator report for a PDF signed under the built-in root, trusted', async () => {
    const res = await post(pdfs.signed);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0].signer.subject).toContain(`CN=${SIGNER_NAME}`);
    expect(report.signatures[0].trusted).toBe(true);
    // Exactly the library's report (same JSON in CLI, API and web), at the same validation time.
    const direct = await validate(pdfs.signed, { trustAnchors: [server.ctx.pki.root.certificate], at: new Date(report.validationTime) });
    expect(report).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('trusts only the platform root: the same file checked against another root is not trusted', async () => {
    const other = await validate(pdfs.signed, { trustAnchors: [server.ctx.pki.tsa.certificate] });
    expect(other.signatures[0]?.trusted).toBe(false);
  });

  it('reports a file changed after signing as TOTAL_FAILED with HASH_FAILURE and a reason', async () => {
    const res = await post(pdfs.tampered);
    expect(res.statusCode).toBe(200);
    const sig = res.json().signatures[0];
    expect(res.json().indication).toBe('TOTAL_FAILED');
    expect(sig.subIndication).toBe('HASH_FAILURE');
    expect(sig.intact).toBe(false);
    expect(sig.reasons.length).toBeGreaterThan(0);
  });

  it('accepts application/octet-stream too', async () => {
    expect((await post(pdfs.signed, 'application/octet-stream')).statusCode).toBe(200);
  });

  it.each([
    ['not a PDF', () => post('these are not PDF bytes'), 400, 'VALIDATION_FAILED', 'VALIDATE_UNREADABLE'],
    ['an empty body', () => post(''), 400, 'VALIDATION_FAILED', 'EMPTY'],
    ['JSON instead of a PDF', () => post('{"pdf":1}', 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE', undefined],
    ['a file over the upload limit', () => post(Buffer.concat([Buffer.from(pdfs.signed), Buffer.alloc(UPLOAD_LIMIT)])), 413, 'PAYLOAD_TOO_LARGE', undefined],
  ] as const)('refuses %s with %i %s', async (_what, send, status, code, reason) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    if (reason) expect(res.json().error.details.reason).toBe(reason);
  });

  it('GET /api/verify/limits gives the upload limit', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/verify/limits' });
    expect(res.json()).toEqual({ maxBytes: UPLOAD_LIMIT });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/verify']?.post).toBeDefined();
  });
});
