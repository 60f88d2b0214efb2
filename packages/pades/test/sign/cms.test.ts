import { createHash, createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData } from '../../src/cms/build-signed-data.js';
import { createTestPki, testSigner, type TestPki } from './support/test-pki.js';
import { createTestTsa } from './support/test-tsa.js';
import { run, tempDir, writeTemp } from './support/tools.js';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await createTestPki();
  dir = tempDir();
  writeTemp(dir, 'root.pem', pki.pem(pki.root));
  writeTemp(dir, 'ca.pem', pki.pem(pki.ca));
  writeTemp(dir, 'tsa.pem', pki.pem(pki.tsa));
});

const content = new TextEncoder().encode('Règlement 2026-14 — contenu signé');

function verifyDetached(name: string, der: Uint8Array): ReturnType<typeof run> {
  const sig = writeTemp(dir, `${name}.p7s`, der);
  const data = writeTemp(dir, `${name}.bin`, content);
  return run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', data, '-CAfile', `${dir}/root.pem`, '-purpose', 'any', '-out', '/dev/null']);
}

describe('buildSignedData', () => {
  const cases = [
    { name: 'rsa-sha256', party: 'rsa', hash: 'SHA-256', scheme: undefined },
    { name: 'rsa-sha384', party: 'rsa', hash: 'SHA-384', scheme: undefined },
    { name: 'rsa-sha512', party: 'rsa', hash: 'SHA-512', scheme: undefined },
    { name: 'rsa-pss-sha256', party: 'rsa', hash: 'SHA-256', scheme: { kind: 'rsa-pss', saltLength: 32 } },
    { name: 'rsa-pss-sha384', party: 'rsa', hash: 'SHA-384', scheme: { kind: 'rsa-pss', saltLength: 48 } },
    { name: 'ecdsa-sha256', party: 'ecdsa', hash: 'SHA-256', scheme: undefined },
    { name: 'ecdsa-sha384', party: 'ecdsa', hash: 'SHA-384', scheme: undefined },
  ] as const;
  for (const c of cases) {
    it(`produces a detached signature openssl verifies (${c.name})`, async () => {
      const party = pki[c.party];
      const signer = testSigner(party, [pki.ca, pki.root], c.scheme);
      const digest = new Uint8Array(createHash(c.hash.replace('-', '').toLowerCase()).update(content).digest());
      const { der } = await buildSignedData({ signer, hash: c.hash, contentDigest: digest });
      const r = verifyDetached(c.name, der);
      expect(r.stderr).toContain('Verification successful');
      expect(r.status).toBe(0);
    });
  }

  // OpenSSL 3.0 cannot verify Ed25519 CMS ("invalid digest"), so this one is checked with node:crypto.
  it('produces an Ed25519 signature (RFC 8419) over the exact signed attributes', async () => {
    const signer = testSigner(pki.ed25519, [pki.ca]);
    const digest = new Uint8Array(createHash('sha512').update(content).digest());
    const r = await buildSignedData({ signer, hash: 'SHA-512', contentDigest: digest });
    const key = createPublicKey(pki.ed25519.cert.toString('pem'));
    expect(verify(null, r.signedAttributes, key, r.signatureValue)).toBe(true);
    expect(Buffer.from(r.der).includes(Buffer.from(r.signedAttributes.subarray(1)))).toBe(true);
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', writeTemp(dir, 'ed.p7s', r.der)]).stdout;
    expect(printed).toContain('ED25519');
  });

  it('writes ESS signing-certificate-v2 and no signing-time', async () => {
    const signer = testSigner(pki.rsa, [pki.ca]);
    const digest = new Uint8Array(createHash('sha256').update(content).digest());
    const { der } = await buildSignedData({ signer, hash: 'SHA-256', contentDigest: digest });
    const path = writeTemp(dir, 'attrs.p7s', der);
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path]).stdout;
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).toContain('messageDigest');
    expect(printed).not.toContain('signingTime');
  });

  it('fails verification when the content changes', async () => {
    const signer = testSigner(pki.rsa, [pki.ca]);
    const digest = new Uint8Array(createHash('sha256').update('other content').digest());
    const { der } = await buildSignedData({ signer, hash: 'SHA-256', contentDigest: digest });
    const r = verifyDetached('tampered', der);
    expect(r.status).not.toBe(0);
  });

  it('adds a signature timestamp over the signature value that openssl ts verifies', async () => {
    const tsa = createTestTsa(pki.tsa, [pki.ca], () => new Date('2026-12-03T12:00:00Z'));
    const signer = testSigner(pki.ecdsa, [pki.ca]);
    const digest = new Uint8Array(createHash('sha256').update(content).digest());
    const result = await buildSignedData({ signer, hash: 'SHA-256', contentDigest: digest, timestamper: tsa.timestamper });
    expect(result.timestampToken).toBeDefined();
    const expected = createHash('sha256').update(result.signatureValue).digest('hex');
    expect(Buffer.from(tsa.requests[0]!.imprint).toString('hex')).toBe(expected);
    const token = writeTemp(dir, 'sig.tst', result.timestampToken!);
    const ts = run('openssl', ['ts', '-verify', '-digest', expected, '-in', token, '-token_in', '-CAfile', `${dir}/root.pem`, '-untrusted', `${dir}/ca.pem`]);
    expect(ts.stdout + ts.stderr).toContain('Verification: OK');
    const r = verifyDetached('bt', result.der);
    expect(r.status).toBe(0);
    const printed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', writeTemp(dir, 'bt2.p7s', result.der)]).stdout;
    expect(printed).toContain('id-smime-aa-timeStampToken');
  });
});
