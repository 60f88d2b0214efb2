import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevPki, DEV_PKI_PASSWORD, parseCertificate, requestTimestamp, startOcspServer, startTsaServer, type DevPki } from '../src/index.js';
import { openssl, opensslAsync, opensslOk, tempDir } from './support/openssl.js';

const NOW = new Date('2026-12-03T12:00:00Z');
const AT = String(Math.floor(NOW.getTime() / 1000));

describe('development PKI', () => {
  const t = tempDir();
  let pki: DevPki;
  beforeAll(async () => {
    pki = await createDevPki({ dir: t.dir, clock: () => NOW, baseUrl: 'http://127.0.0.1:3162' });
  });
  afterAll(() => t.remove());

  it('writes PEMs, CRLs, PKCS#12 files and a README', () => {
    for (const f of ['root.pem', 'ca.pem', 'alice.pem', 'benoit.pem', 'seal.pem', 'tsa.pem', 'ocsp.pem', 'chain.pem', 'ca.crl', 'root.crl', 'alice.p12', 'benoit.p12', 'seal.p12', 'README.txt', 'pki.json']) {
      expect(existsSync(join(t.dir, f)), f).toBe(true);
    }
    const readme = readFileSync(join(t.dir, 'README.txt'), 'utf8');
    expect(readme).toMatch(/alice\.p12/);
    expect(readme).toMatch(/paraphe-dev/);
    expect(readme).toMatch(/Benoît Gagnon/);
  });

  it('every certificate verifies with openssl against the root, with the expected purposes', () => {
    const v = (name: string, extra: string[] = []) =>
      openssl(['verify', '-attime', AT, ...extra, '-CAfile', join(t.dir, 'root.pem'), '-untrusted', join(t.dir, 'ca.pem'), join(t.dir, `${name}.pem`)]);
    for (const n of ['ca', 'alice', 'benoit', 'seal', 'ocsp']) expect(v(n).stdout, n).toMatch(/: OK/);
    expect(v('tsa', ['-purpose', 'timestampsign']).stdout).toMatch(/: OK/);
    expect(v('alice', ['-purpose', 'smimesign']).stdout).toMatch(/: OK/);
    // with CRL checking over the whole chain
    const crls = ['-crl_check_all', '-CRLfile', join(t.dir, 'ca.crl.pem'), '-CRLfile', join(t.dir, 'root.crl.pem')];
    expect(v('benoit', crls).stdout).toMatch(/: OK/);
  });

  it('names keep their accents as UTF8String; keys are the documented types', () => {
    const b = parseCertificate(pki.benoit.certificate);
    expect(b.subjectCommonName).toBe('Benoît Gagnon');
    expect(b.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(parseCertificate(pki.alice.certificate).publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(parseCertificate(pki.root.certificate).publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(parseCertificate(pki.seal.certificate).subjectCommonName).toBe('Greffe — Ville');
    const asn = opensslOk(['asn1parse', '-in', join(t.dir, 'benoit.pem')]);
    expect(asn).toMatch(/UTF8STRING\s+:Beno/);
    const subj = opensslOk(['x509', '-in', join(t.dir, 'benoit.pem'), '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus']);
    expect(subj).toContain('CN=Benoît Gagnon');
    expect(parseCertificate(pki.alice.certificate).ocspUrls).toEqual(['http://127.0.0.1:3162/ocsp']);
    expect(parseCertificate(pki.alice.certificate).crlUrls).toEqual(['http://127.0.0.1:3162/ca.crl']);
    expect(parseCertificate(pki.ca.certificate).crlUrls).toEqual(['http://127.0.0.1:3162/root.crl']);
  });

  it('PKCS#12 files open with the default password in openssl; the directory reloads to the same PKI', async () => {
    expect(DEV_PKI_PASSWORD).toBe('paraphe-dev');
    const out = opensslOk(['pkcs12', '-in', join(t.dir, 'seal.p12'), '-passin', `pass:${DEV_PKI_PASSWORD}`, '-nodes']);
    expect(out).toMatch(/BEGIN PRIVATE KEY/);
    const again = await createDevPki({ dir: t.dir, clock: () => new Date(NOW.getTime() + 86400e3) });
    expect(Buffer.from(again.alice.certificate).equals(Buffer.from(pki.alice.certificate))).toBe(true);
    expect(again.baseUrl).toBe('http://127.0.0.1:3162');
    const sig = await again.benoit.signer.sign(new Uint8Array([1]), 'SHA-256');
    expect(sig[0]).toBe(0x30);
  });

  it('its TSA and OCSP responder serve tokens and statuses that openssl accepts', async () => {
    const tsa = await startTsaServer({ tsa: pki.tsa, clock: () => NOW });
    const ocsp = await startOcspServer({ responder: pki.ocsp, status: (id) => pki.status(id), files: pki.files });
    try {
      const imprint = new Uint8Array(32).fill(3);
      const token = await requestTimestamp(imprint, 'SHA-256', { url: tsa.url });
      expect(token.length).toBeGreaterThan(1000);
      const r = await opensslAsync(['ocsp', '-issuer', join(t.dir, 'ca.pem'), '-cert', join(t.dir, 'alice.pem'), '-url', `${ocsp.url}/ocsp`, '-CAfile', join(t.dir, 'root.pem'), '-verify_other', join(t.dir, 'ca.pem')]);
      expect(r.stdout + r.stderr).toMatch(/Response verify OK/);
      expect(r.stdout).toMatch(/alice\.pem: good/);
      const crl = await fetch(`${ocsp.url}/ca.crl`);
      expect(new Uint8Array(await crl.arrayBuffer())).toEqual(pki.crl);
    } finally {
      await tsa.close();
      await ocsp.close();
    }
  });

  it('revoke() turns OCSP to revoked and issues a CRL that lists the certificate', async () => {
    await pki.revoke(pki.benoit.certificate, { date: new Date('2026-12-01T00:00:00Z'), reason: 'keyCompromise' });
    await expect(pki.revoke(pki.root.certificate)).rejects.toMatchObject({ code: 'PKI_INVALID_INPUT' });
    const ocsp = await startOcspServer({ responder: pki.ocsp, status: (id) => pki.status(id), files: pki.files });
    try {
      const r = await opensslAsync(['ocsp', '-issuer', join(t.dir, 'ca.pem'), '-cert', join(t.dir, 'benoit.pem'), '-cert', join(t.dir, 'alice.pem'), '-url', `${ocsp.url}/ocsp`, '-CAfile', join(t.dir, 'root.pem'), '-verify_other', join(t.dir, 'ca.pem')]);
      expect(r.stdout + r.stderr).toMatch(/Response verify OK/);
      expect(r.stdout).toMatch(/benoit\.pem: revoked[\s\S]*Reason: keyCompromise[\s\S]*alice\.pem: good/);
      const served = new Uint8Array(await (await fetch(`${ocsp.url}/ca.crl`)).arrayBuffer());
      expect(served).toEqual(pki.currentCrl());
    } finally {
      await ocsp.close();
    }
    // the CRL in the directory was rewritten: openssl now refuses Benoît's certificate
    const v = openssl(['verify', '-attime', AT, '-crl_check', '-CAfile', join(t.dir, 'root.pem'), '-untrusted', join(t.dir, 'ca.pem'), '-CRLfile', join(t.dir, 'ca.crl.pem'), join(t.dir, 'benoit.pem')]);
    expect(v.stdout + v.stderr).toMatch(/certificate revoked/);
  });

  it('in memory without a directory', async () => {
    const mem = await createDevPki({ clock: () => NOW });
    expect(mem.dir).toBeUndefined();
    expect(parseCertificate(mem.alice.certificate).ocspUrls).toEqual([]);
    expect(mem.persons).toHaveLength(2);
  });
});
