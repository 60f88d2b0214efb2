import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTimestampRejection,
  createTimestampRequest,
  createTimestampToken,
  DEFAULT_TSA_POLICY,
  parseTimestampResponse,
  parseTimestampToken,
  requestTimestamp,
  startTsaServer,
  toPem,
  type RunningServer,
  type TimestampAuthority,
  type TimestampTransport,
  verifyTimestampToken,
} from '../src/index.js';
import { issueLeaf, makeCa, type TestCa } from './support/fixtures.js';
import { openssl, opensslAsync, opensslOk, tempDir } from './support/openssl.js';

const CLOCK = () => new Date('2027-03-04T05:06:07.250Z');

describe('RFC 3161 time-stamping', () => {
  let ca: TestCa;
  let tsa: TimestampAuthority;
  let ecTsa: TimestampAuthority;
  let server: RunningServer;
  const files = tempDir();
  let rootPem: string;
  let tsaPem: string;

  beforeAll(async () => {
    ca = await makeCa('ec-p256');
    const t = await issueLeaf(ca, 'tsa', { commonName: 'Paraphe Test TSA', organization: 'Paraphe Tests', country: 'CA' }, 'rsa-2048');
    tsa = { certificate: t.cert, chain: [ca.ca], signer: t.signer };
    const e = await issueLeaf(ca, 'tsa', { commonName: 'Paraphe EC TSA' }, 'ec-p384');
    ecTsa = { certificate: e.cert, chain: [ca.ca], signer: e.signer };
    server = await startTsaServer({ tsa, clock: CLOCK, accuracy: { seconds: 1 } });
    rootPem = files.write('root.pem', toPem(ca.root));
    tsaPem = files.write('tsa.pem', toPem(t.cert) + toPem(ca.ca) + toPem(e.cert));
  });
  afterAll(async () => {
    await server?.close();
    files.remove();
  });

  it('client gets a checked token over HTTP; openssl ts -verify accepts the response', async () => {
    const data = new Uint8Array(Buffer.from('Procès-verbal du conseil municipal'));
    const imprint = new Uint8Array(createHash('sha256').update(data).digest());
    let responseDer: Uint8Array | undefined;
    const transport: TimestampTransport = async (req) => {
      const r = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: Buffer.from(req) });
      responseDer = new Uint8Array(await r.arrayBuffer());
      return responseDer;
    };
    const token = await requestTimestamp(imprint, 'SHA-256', { transport });
    const parsed = parseTimestampToken(token);
    expect(parsed.genTime.toISOString()).toBe(CLOCK().toISOString());
    expect(parsed.policy).toBe(DEFAULT_TSA_POLICY);
    expect(Buffer.from(parsed.imprint).equals(Buffer.from(imprint))).toBe(true);
    expect(parsed.hashAlg).toBe('SHA-256');
    expect(parsed.tsaCert && Buffer.from(parsed.tsaCert).equals(Buffer.from(tsa.certificate))).toBe(true);
    expect(parsed.nonce?.length).toBeGreaterThan(0);
    expect(parsed.accuracy?.seconds).toBe(1);

    const dataFile = files.write('data.bin', data);
    const respFile = files.write('resp.tsr', responseDer as Uint8Array);
    const tokenFile = files.write('token.der', token);
    expect(opensslOk(['ts', '-verify', '-data', dataFile, '-in', respFile, '-CAfile', rootPem, '-untrusted', tsaPem])).toMatch(/Verification: OK/);
    expect(opensslOk(['ts', '-verify', '-data', dataFile, '-in', tokenFile, '-token_in', '-CAfile', rootPem, '-untrusted', tsaPem])).toMatch(/Verification: OK/);
    const text = opensslOk(['ts', '-reply', '-in', respFile, '-text']);
    expect(text).toMatch(/Status: Granted/);
    expect(text).toMatch(/Time stamp: Mar  4 05:06:07\.25 2027 GMT/);
    // a different document must not verify
    const other = files.write('other.bin', 'tampered');
    expect(openssl(['ts', '-verify', '-data', other, '-in', respFile, '-CAfile', rootPem, '-untrusted', tsaPem]).status).not.toBe(0);
  });

  it('answers requests written by openssl ts -query (SHA-384, ECDSA P-384 TSA, no certReq)', async () => {
    const ecServer = await startTsaServer({ tsa: ecTsa, clock: CLOCK });
    try {
      const dataFile = files.write('q.bin', randomBytes(1000));
      const reqFile = `${files.dir}/q.tsq`;
      opensslOk(['ts', '-query', '-data', dataFile, '-sha384', '-out', reqFile]);
      const { readFileSync } = await import('node:fs');
      const r = await fetch(ecServer.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: readFileSync(reqFile) });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/timestamp-reply');
      const respFile = files.write('q.tsr', new Uint8Array(await r.arrayBuffer()));
      expect(opensslOk(['ts', '-verify', '-queryfile', reqFile, '-in', respFile, '-CAfile', rootPem, '-untrusted', tsaPem])).toMatch(/Verification: OK/);
    } finally {
      await ecServer.close();
    }
  });

  it('300 tokens with random nonces and data all pass openssl ts -verify (nonce DER encoding)', async () => {
    const t = tempDir();
    try {
      let leadingZeroOrHighBit = 0;
      const jobs: { i: number; q: string; r: string; nonce: string }[] = [];
      for (let i = 0; i < 300; i++) {
        const nonce = randomBytes(8);
        if (nonce[0] === 0 || (nonce[0] as number) >= 0x80) leadingZeroOrHighBit++;
        const imprint = new Uint8Array(createHash('sha256').update(randomBytes(64)).digest());
        const req = createTimestampRequest(imprint, 'SHA-256', { nonce, certReq: true });
        const resp = await createTimestampToken({ request: req, tsa, policyOid: DEFAULT_TSA_POLICY, genTime: CLOCK() });
        jobs.push({ i, q: t.write(`q${i}.tsq`, req), r: t.write(`r${i}.tsr`, resp), nonce: nonce.toString('hex') });
      }
      // a few openssl processes at a time: one process per token is the cost, not the check
      const failures: string[] = [];
      const worker = async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          const res = await opensslAsync(['ts', '-verify', '-queryfile', job.q, '-in', job.r, '-CAfile', rootPem, '-untrusted', tsaPem]);
          if (!/Verification: OK/.test(res.stdout)) failures.push(`token ${job.i} nonce ${job.nonce}: ${res.stdout}${res.stderr}`);
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      expect(failures).toEqual([]);
      expect(leadingZeroOrHighBit).toBeGreaterThan(0);
    } finally {
      t.remove();
    }
  });

  it('an Ed25519 TSA signs with SHA-512 digests (RFC 8419) and the client verifies its tokens', async () => {
    const ed = await issueLeaf(ca, 'tsa', { commonName: 'Ed25519 TSA' }, 'ed25519');
    const edTsa = { certificate: ed.cert, chain: [ca.ca], signer: ed.signer };
    const imprint = new Uint8Array(createHash('sha256').update('ed').digest());
    const token = await requestTimestamp(imprint, 'SHA-256', {
      transport: async (req) => createTimestampToken({ request: req, tsa: edTsa, policyOid: DEFAULT_TSA_POLICY, genTime: CLOCK() }),
    });
    expect(parseTimestampToken(token).signerInfo.digestAlgorithm.algorithmId).toBe('2.16.840.1.101.3.4.2.3');
    // No independent check here: OpenSSL 3.0's PKCS#7 and CMS code cannot verify Ed25519 SignerInfos.
    expect(verifyTimestampToken(token, { imprint, hash: 'SHA-256' }).serial).toMatch(/^[0-9a-f]+$/);
    const tampered = new Uint8Array(token);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 0x40;
    expect(() => verifyTimestampToken(tampered, { imprint, hash: 'SHA-256' })).toThrow(expect.objectContaining({ code: 'TSA_BAD_SIGNATURE' }));
  });

  it('the nonce is DER-minimal even when its first byte is 0x00 or has the top bit set', async () => {
    for (const nonce of [Uint8Array.from([0, 0, 5, 1]), Uint8Array.from([0x80, 1]), Uint8Array.from([0, 0x90])]) {
      const imprint = new Uint8Array(32).fill(7);
      const req = createTimestampRequest(imprint, 'SHA-256', { nonce, certReq: true });
      const resp = await createTimestampToken({ request: req, tsa, policyOid: DEFAULT_TSA_POLICY, genTime: CLOCK() });
      const q = files.write('n.tsq', req);
      const r = files.write('n.tsr', resp);
      expect(opensslOk(['ts', '-verify', '-queryfile', q, '-in', r, '-CAfile', rootPem, '-untrusted', tsaPem])).toMatch(/Verification: OK/);
    }
  });

  it('client errors carry codes: rejected, nonce, imprint, signature, certificate, HTTP', async () => {
    const imprint = new Uint8Array(createHash('sha256').update('x').digest());
    const grant = (mutate: (resp: Uint8Array) => Uint8Array, authority = tsa): TimestampTransport => async (req) =>
      mutate(await createTimestampToken({ request: req, tsa: authority, policyOid: DEFAULT_TSA_POLICY, genTime: CLOCK() }));
    await expect(requestTimestamp(imprint, 'SHA-256', { transport: async () => createTimestampRejection('badAlg', 'no') })).rejects.toMatchObject({ code: 'TSA_REJECTED' });
    await expect(
      requestTimestamp(imprint, 'SHA-256', {
        transport: async () =>
          createTimestampToken({ messageImprint: imprint, hashAlg: 'SHA-256', nonce: Uint8Array.from([1, 2, 3]), certReq: true, tsa, policyOid: DEFAULT_TSA_POLICY, genTime: CLOCK() }),
      }),
    ).rejects.toMatchObject({ code: 'TSA_NONCE_MISMATCH' });
    await expect(
      requestTimestamp(imprint, 'SHA-256', {
        nonce: null,
        transport: async () => createTimestampToken({ messageImprint: new Uint8Array(32), hashAlg: 'SHA-256', certReq: true, tsa, policyOid: DEFAULT_TSA_POLICY, genTime: CLOCK() }),
      }),
    ).rejects.toMatchObject({ code: 'TSA_IMPRINT_MISMATCH' });
    // flip the last byte: it lies in the SignerInfo signature value
    await expect(
      requestTimestamp(imprint, 'SHA-256', {
        transport: grant((r) => {
          const c = new Uint8Array(r);
          c[c.length - 1] = (c[c.length - 1] as number) ^ 1;
          return c;
        }),
      }),
    ).rejects.toMatchObject({ code: 'TSA_BAD_SIGNATURE' });
    const notTsa = await issueLeaf(ca, 'person', { commonName: 'Not a TSA' });
    await expect(
      requestTimestamp(imprint, 'SHA-256', { transport: grant((r) => r, { certificate: notTsa.cert, chain: [], signer: notTsa.signer }) }),
    ).rejects.toMatchObject({ code: 'TSA_BAD_CERT' });
    await expect(requestTimestamp(imprint, 'SHA-256', { url: 'http://127.0.0.1:1/' })).rejects.toMatchObject({ code: 'TSA_HTTP' });
    await expect(requestTimestamp(imprint, 'SHA-256', { url: server.url, tsaCertificate: ecTsa.certificate })).rejects.toMatchObject({ code: 'TSA_BAD_CERT' });
    const noCert = await requestTimestamp(imprint, 'SHA-256', { url: server.url, certReq: false, tsaCertificate: tsa.certificate });
    expect(parseTimestampToken(noCert).certificates).toHaveLength(0);
  });

  it('server: 415 on wrong content type, 400 on garbage, rejection on unsupported hash', async () => {
    const wrongType = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.text()).toMatch(/application\/timestamp-query/);
    const garbage = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: 'not DER' });
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toMatch(/bad time-stamp request/);
    const dataFile = files.write('s1.bin', 'sha1 please');
    const reqFile = `${files.dir}/s1.tsq`;
    opensslOk(['ts', '-query', '-data', dataFile, '-sha1', '-out', reqFile]);
    const { readFileSync } = await import('node:fs');
    const r = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: readFileSync(reqFile) });
    expect(r.status).toBe(200);
    const parsed = parseTimestampResponse(new Uint8Array(await r.arrayBuffer()));
    expect(parsed.status).toBe(2);
    expect(parsed.failureBits).toEqual([0]);
    expect(parsed.statusText).toMatch(/unsupported hash/);
  });
});
