import { beforeAll, describe, expect, it } from 'vitest';
import { createCrl, parseCertificate, parseCrl, toPem, PkiError } from '../src/index.js';
import { issueLeaf, makeCa, type TestCa } from './support/fixtures.js';
import { openssl, opensslOk, tempDir } from './support/openssl.js';

const THIS = new Date('2027-02-01T10:00:00Z');
const NEXT = new Date('2027-02-08T10:00:00Z');
const AT = String(Math.floor(new Date('2027-02-02T00:00:00Z').getTime() / 1000));

describe('CRL', () => {
  let ca: TestCa;
  let revokedCert: Uint8Array;
  let goodCert: Uint8Array;
  beforeAll(async () => {
    ca = await makeCa('rsa-2048');
    revokedCert = (await issueLeaf(ca, 'person', { commonName: 'Revoked Person' })).cert;
    goodCert = (await issueLeaf(ca, 'person', { commonName: 'Good Person' })).cert;
  });

  it('openssl crl -verify accepts it; entries, reasons and CRL number round-trip', async () => {
    const serial = parseCertificate(revokedCert).serialHex;
    const crl = await createCrl({
      issuer: { certificate: ca.ca, signer: ca.caSigner },
      thisUpdate: THIS,
      nextUpdate: NEXT,
      revoked: [
        { serial, date: new Date('2027-01-15T08:30:00Z'), reason: 'keyCompromise' },
        { serial: 0x1234n, date: new Date('2027-01-16T08:30:00Z') },
      ],
      crlNumber: 42,
    });
    const t = tempDir();
    try {
      const caFile = t.write('ca.pem', toPem(ca.ca));
      const crlFile = t.write('ca.crl', crl);
      const out = openssl(['crl', '-inform', 'DER', '-in', crlFile, '-noout', '-verify', '-CAfile', caFile]);
      expect(out.stderr + out.stdout).toMatch(/verify OK/);
      expect(out.status).toBe(0);
      const text = opensslOk(['crl', '-inform', 'DER', '-in', crlFile, '-noout', '-text']);
      expect(text).toMatch(/X509v3 CRL Number:\s+42/);
      expect(text).toMatch(/X509v3 Authority Key Identifier/);
      expect(text).toMatch(new RegExp(`Serial Number: ${serial.toUpperCase()}`));
      expect(text).toMatch(/Key Compromise/);
      expect(text).toMatch(/Serial Number: 1234/);

      // with the CRL, openssl refuses the revoked certificate and accepts the other
      const chainFile = t.write('chain.pem', toPem(ca.root) + toPem(ca.ca));
      const crlPem = t.write('ca.crl.pem', toPem(crl, 'X509 CRL'));
      const rev = openssl(['verify', '-attime', AT, '-crl_check', '-CAfile', chainFile, '-CRLfile', crlPem, t.write('r.pem', toPem(revokedCert))]);
      expect(rev.status).not.toBe(0);
      expect(rev.stdout + rev.stderr).toMatch(/certificate revoked/);
      const ok = openssl(['verify', '-attime', AT, '-crl_check', '-CAfile', chainFile, '-CRLfile', crlPem, t.write('g.pem', toPem(goodCert))]);
      expect(ok.stdout).toMatch(/OK/);
    } finally {
      t.remove();
    }

    const p = parseCrl(crl);
    expect(p.issuer).toBe('CN=Test Issuing CA,O=Paraphe Tests,C=CA');
    expect(p.crlNumberHex).toBe('2a');
    expect(p.thisUpdate.toISOString()).toBe(THIS.toISOString());
    expect(p.nextUpdate?.toISOString()).toBe(NEXT.toISOString());
    expect(p.revoked).toHaveLength(2);
    expect(p.find(serial)?.reason).toBe('keyCompromise');
    expect(p.find('001234')?.reason).toBeUndefined();
    expect(p.find(parseCertificate(goodCert).serialHex)).toBeUndefined();
    expect(p.signatureValidWith(ca.ca)).toBe(true);
    expect(p.signatureValidWith(ca.root)).toBe(false);
    expect(p.authorityKeyIdentifier).toEqual(parseCertificate(ca.ca).subjectKeyIdentifier);
  });

  it('an empty CRL omits revokedCertificates and still verifies', async () => {
    const crl = await createCrl({ issuer: { certificate: ca.ca, signer: ca.caSigner }, thisUpdate: THIS, nextUpdate: NEXT, revoked: [], crlNumber: 0 });
    const t = tempDir();
    try {
      const out = openssl(['crl', '-inform', 'DER', '-in', t.write('e.crl', crl), '-noout', '-verify', '-CAfile', t.write('ca.pem', toPem(ca.ca))]);
      expect(out.stderr + out.stdout).toMatch(/verify OK/);
    } finally {
      t.remove();
    }
    expect(parseCrl(toPem(crl, 'X509 CRL')).revoked).toEqual([]);
  });

  it('rejects non-CRL bytes with CRL_INVALID and bad dates with PKI_INVALID_INPUT', async () => {
    expect(() => parseCrl(ca.ca)).toThrow(PkiError);
    try {
      parseCrl(ca.ca);
    } catch (e) {
      expect((e as PkiError).code).toBe('CRL_INVALID');
    }
    await expect(
      createCrl({ issuer: { certificate: ca.ca, signer: ca.caSigner }, thisUpdate: NEXT, nextUpdate: THIS, revoked: [], crlNumber: 1 }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_INPUT' });
  });
});
