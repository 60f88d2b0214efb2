import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certIdMatches,
  createCrl,
  createOcspRequest,
  createOcspResponse,
  parseCertificate,
  parseCrl,
  parseOcspRequest,
  parseOcspResponse,
  startOcspServer,
  toPem,
  type OcspCertStatus,
  type RunningServer,
} from '../src/index.js';
import { issueLeaf, makeCa, type TestCa } from './support/fixtures.js';
import { opensslAsync, opensslOk, tempDir } from './support/openssl.js';

const REVOKED_AT = new Date('2026-06-01T12:00:00Z');

describe('OCSP', () => {
  let ca: TestCa;
  let responder: Awaited<ReturnType<typeof issueLeaf>>;
  let good: Uint8Array;
  let revoked: Uint8Array;
  let server: RunningServer;
  const files = tempDir();
  let status: (serialHex: string) => OcspCertStatus;

  beforeAll(async () => {
    ca = await makeCa('ec-p256');
    responder = await issueLeaf(ca, 'ocsp', { commonName: 'Test OCSP Responder' }, 'rsa-2048');
    good = (await issueLeaf(ca, 'person', { commonName: 'Good' })).cert;
    revoked = (await issueLeaf(ca, 'person', { commonName: 'Revoked' })).cert;
    const goodSerial = parseCertificate(good).serialHex;
    const revokedSerial = parseCertificate(revoked).serialHex;
    status = (s) =>
      s === goodSerial ? { status: 'good' } : s === revokedSerial ? { status: 'revoked', time: REVOKED_AT, reason: 'keyCompromise' } : { status: 'unknown' };
    const crl = await createCrl({
      issuer: { certificate: ca.ca, signer: ca.caSigner },
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 86400e3),
      revoked: [],
      crlNumber: 1,
    });
    server = await startOcspServer({
      responder: { certificate: responder.cert, signer: responder.signer },
      status: (id) => status(id.serialHex),
      files: { '/ca.crl': () => crl, '/ca.cer': ca.ca },
    });
  });
  afterAll(async () => {
    await server?.close();
    files.remove();
  });

  it('openssl ocsp reports good and revoked (with reason) and verifies the response and nonce', async () => {
    const issuer = files.write('ca.pem', toPem(ca.ca));
    const root = files.write('root.pem', toPem(ca.root));
    const goodFile = files.write('good.pem', toPem(good));
    const revFile = files.write('rev.pem', toPem(revoked));
    const base = ['ocsp', '-issuer', issuer, '-url', server.url, '-CAfile', root, '-verify_other', issuer];
    const g = await opensslAsync([...base, '-cert', goodFile]);
    expect(g.stdout + g.stderr).toMatch(/Response verify OK/);
    expect(g.stdout).toMatch(/good\.pem: good/);
    expect(g.stdout + g.stderr).not.toMatch(/WARNING/);
    const r = await opensslAsync([...base, '-cert', revFile]);
    expect(r.stdout + r.stderr).toMatch(/Response verify OK/);
    expect(r.stdout).toMatch(/rev\.pem: revoked/);
    expect(r.stdout).toMatch(/Reason: keyCompromise/);
    expect(r.stdout).toMatch(/Revocation Time: Jun  1 12:00:00 2026 GMT/);
    // both certificates in one request, CertIDs hashed with SHA-256
    const both = await opensslAsync([...base, '-sha256', '-cert', goodFile, '-cert', revFile]);
    expect(both.stdout).toMatch(/good\.pem: good[\s\S]*rev\.pem: revoked/);
  });

  it('GET requests, static files, parse round-trip and signature check', async () => {
    const req = createOcspRequest(revoked, ca.ca, { nonce: true, hash: 'SHA-256' });
    const parsedReq = parseOcspRequest(req);
    expect(parsedReq.certIds).toHaveLength(1);
    expect(parsedReq.nonce).toHaveLength(16);
    expect(certIdMatches(parsedReq.certIds[0]!, revoked, ca.ca)).toBe(true);
    expect(certIdMatches(parsedReq.certIds[0]!, good, ca.ca)).toBe(false);
    expect(opensslOk(['ocsp', '-reqin', files.write('req.der', req), '-req_text'])).toMatch(/Hash Algorithm: sha256[\s\S]*OCSP Nonce/);

    const b64 = encodeURIComponent(Buffer.from(req).toString('base64'));
    const res = await fetch(`${server.url}/${b64}`);
    expect(res.headers.get('content-type')).toBe('application/ocsp-response');
    const parsed = parseOcspResponse(new Uint8Array(await res.arrayBuffer()));
    expect(parsed.responseStatus).toBe('successful');
    expect(parsed.responses[0]?.status).toBe('revoked');
    expect(parsed.responses[0]?.revocationReason).toBe('keyCompromise');
    expect(parsed.responses[0]?.revocationTime?.toISOString()).toBe(REVOKED_AT.toISOString());
    expect(parsed.responses[0]?.nextUpdate).toBeInstanceOf(Date);
    expect(Buffer.from(parsed.nonce ?? []).equals(Buffer.from(parsedReq.nonce ?? []))).toBe(true);
    expect(parsed.responderKeyHash).toHaveLength(20);
    expect(parsed.certificates).toHaveLength(1);
    expect(parsed.signatureValidWith(responder.cert)).toBe(true);
    expect(parsed.signatureValidWith(ca.ca)).toBe(false);

    // unencoded base64 (with '/' and '+') under a sub-path, as some clients send it
    let raw = createOcspRequest(good, ca.ca, { nonce: true });
    while (!Buffer.from(raw).toString('base64').includes('/')) raw = createOcspRequest(good, ca.ca, { nonce: true });
    const unencoded = await fetch(`${server.url}/ocsp/${Buffer.from(raw).toString('base64')}`);
    expect(parseOcspResponse(new Uint8Array(await unencoded.arrayBuffer())).responses[0]?.status).toBe('good');
    const junk = await fetch(`${server.url}/ocsp/bm90IGFuIE9DU1AgcmVxdWVzdA==`);
    expect(parseOcspResponse(new Uint8Array(await junk.arrayBuffer())).responseStatus).toBe('malformedRequest');

    const crlRes = await fetch(`${server.url}/ca.crl`);
    expect(crlRes.headers.get('content-type')).toBe('application/pkix-crl');
    expect(parseCrl(new Uint8Array(await crlRes.arrayBuffer())).issuer).toBe(parseCertificate(ca.ca).subject);
    expect((await fetch(`${server.url}/ca.cer`)).headers.get('content-type')).toBe('application/pkix-cert');
  });

  it('unknown certificates, malformed requests and wrong content types', async () => {
    const stranger = await makeCa('ec-p256');
    const unknownReq = createOcspRequest(stranger.ca, stranger.root);
    const r = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: Buffer.from(unknownReq) });
    expect(parseOcspResponse(new Uint8Array(await r.arrayBuffer())).responses[0]?.status).toBe('unknown');
    const bad = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: 'junk' });
    expect(parseOcspResponse(new Uint8Array(await bad.arrayBuffer())).responseStatus).toBe('malformedRequest');
    const wrong = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'junk' });
    expect(wrong.status).toBe(415);
  });

  it('createOcspResponse from certIds without a request, no nonce, explicit times', async () => {
    const req = parseOcspRequest(createOcspRequest(good, ca.ca));
    const der = await createOcspResponse({
      certIds: req.certIds,
      responder: { certificate: responder.cert, signer: responder.signer },
      status: () => ({ status: 'good' }),
      producedAt: new Date('2027-01-01T00:00:05Z'),
      thisUpdate: new Date('2027-01-01T00:00:00Z'),
    });
    const p = parseOcspResponse(der);
    expect(p.producedAt?.toISOString()).toBe('2027-01-01T00:00:05.000Z');
    expect(p.responses[0]?.thisUpdate.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(p.responses[0]?.nextUpdate).toBeUndefined();
    expect(p.nonce).toBeUndefined();
    const text = opensslOk(['ocsp', '-respin', files.write('resp.der', der), '-resp_text', '-noverify']);
    expect(text).toMatch(/Cert Status: good/);
    expect(text).toMatch(/Responder Id: [0-9A-F]{40}/);
  });
});
