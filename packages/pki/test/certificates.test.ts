import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, issueCertificate, keySigner, parseCertificate, toPem, OID, PkiError } from '../src/index.js';
import { issueLeaf, makeCa, T0, T_END, type TestCa } from './support/fixtures.js';
import { opensslOk, tempDir } from './support/openssl.js';

const AT = String(Math.floor(new Date('2027-06-01T00:00:00Z').getTime() / 1000));

function verifyWithOpenssl(ca: TestCa, leaf: Uint8Array, extra: string[] = []): string {
  const t = tempDir();
  try {
    const root = t.write('root.pem', toPem(ca.root));
    const inter = t.write('ca.pem', toPem(ca.ca));
    const cert = t.write('leaf.pem', toPem(leaf));
    return opensslOk(['verify', '-attime', AT, ...extra, '-CAfile', root, '-untrusted', inter, cert]);
  } finally {
    t.remove();
  }
}

function text(cert: Uint8Array): string {
  return opensslOk(['x509', '-inform', 'DER', '-noout', '-text'], cert);
}

describe('certificate issuing (ECDSA P-256 chain)', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await makeCa('ec-p256');
  });

  it('root and CA carry CA basic constraints and keyCertSign/cRLSign', () => {
    const root = text(ca.root);
    expect(root).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE\n/);
    expect(root).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    const inter = text(ca.ca);
    expect(inter).toMatch(/CA:TRUE, pathlen:0/);
    expect(inter).toMatch(/Issuer: CN = Test Root|Issuer: C = CA, O = Paraphe Tests, CN = Test Root/);
    expect(verifyWithOpenssl(ca, ca.ca)).toMatch(/OK/);
  });

  it('person: digitalSignature+nonRepudiation, email SAN, signing EKUs, UTF-8 name, AIA and CRL DP', async () => {
    const p = await issueLeaf(
      ca,
      'person',
      { commonName: 'Benoît Gagnon', organization: 'Ville de Saint-Éloi', email: 'benoit.gagnon@example.org', country: 'CA' },
      'ec-p256',
      { ocspUrl: 'http://127.0.0.1:9/ocsp', caIssuersUrl: 'http://127.0.0.1:9/ca.cer', crlUrl: 'http://127.0.0.1:9/ca.crl' },
    );
    expect(verifyWithOpenssl(ca, p.cert)).toMatch(/leaf.pem: OK/);
    const t = text(p.cert);
    expect(t).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
    expect(t).toMatch(/E-mail Protection/);
    expect(t).toMatch(/1\.3\.6\.1\.5\.5\.7\.3\.36|Document Signing/);
    expect(t).toMatch(/email:benoit\.gagnon@example\.org/);
    expect(t).toMatch(/OCSP - URI:http:\/\/127\.0\.0\.1:9\/ocsp/);
    expect(t).toMatch(/CA Issuers - URI:http:\/\/127\.0\.0\.1:9\/ca\.cer/);
    expect(t).toMatch(/URI:http:\/\/127\.0\.0\.1:9\/ca\.crl/);
    const subj = opensslOk(['x509', '-inform', 'DER', '-noout', '-subject', '-nameopt', 'RFC2253,-esc_msb'], p.cert);
    expect(subj).toContain('CN=Benoît Gagnon');

    const parsed = parseCertificate(p.cert);
    expect(parsed.subject).toBe('CN=Benoît Gagnon,O=Ville de Saint-Éloi,C=CA');
    expect(parsed.issuer).toBe('CN=Test Issuing CA,O=Paraphe Tests,C=CA');
    expect(parsed.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(parsed.extKeyUsage).toContain(OID.kpEmailProtection);
    expect(parsed.emails).toEqual(['benoit.gagnon@example.org']);
    expect(parsed.ocspUrls).toEqual(['http://127.0.0.1:9/ocsp']);
    expect(parsed.caIssuersUrls).toEqual(['http://127.0.0.1:9/ca.cer']);
    expect(parsed.crlUrls).toEqual(['http://127.0.0.1:9/ca.crl']);
    expect(parsed.basicConstraints).toBeNull();
    expect(parsed.authorityKeyIdentifier).toEqual(parseCertificate(ca.ca).subjectKeyIdentifier);
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(parsed.notBefore.toISOString()).toBe(T0.toISOString());
    expect(parsed.notAfter.toISOString()).toBe(T_END.toISOString());
  });

  it('seal requires O and OU and shows them in the subject', async () => {
    await expect(issueLeaf(ca, 'seal', { commonName: 'Greffe' })).rejects.toMatchObject({ code: 'PKI_INVALID_INPUT' });
    const s = await issueLeaf(ca, 'seal', { commonName: 'Greffe — Ville', organization: 'Ville', organizationalUnit: 'Greffe' });
    expect(parseCertificate(s.cert).subject).toBe('CN=Greffe — Ville,OU=Greffe,O=Ville');
    expect(verifyWithOpenssl(ca, s.cert)).toMatch(/OK/);
  });

  it('tsa: critical timeStamping EKU; ocsp: OCSPSigning + no-check', async () => {
    const tsa = await issueLeaf(ca, 'tsa', { commonName: 'Test TSA', organization: 'Paraphe Tests' });
    const t = text(tsa.cert);
    expect(t).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping\n/);
    expect(verifyWithOpenssl(ca, tsa.cert, ['-purpose', 'timestampsign'])).toMatch(/OK/);
    const p = parseCertificate(tsa.cert);
    expect(p.extKeyUsageCritical).toBe(true);
    expect(p.extKeyUsage).toEqual([OID.kpTimeStamping]);
    const ocsp = await issueLeaf(ca, 'ocsp', { commonName: 'Test OCSP' });
    const o = text(ocsp.cert);
    expect(o).toMatch(/OCSP Signing/);
    expect(o).toMatch(/OCSP No Check/);
    expect(parseCertificate(ocsp.cert).ocspNoCheck).toBe(true);
    expect(verifyWithOpenssl(ca, ocsp.cert)).toMatch(/OK/);
  });

  it('serial numbers are positive, random, at least 64 bits and minimally encoded', async () => {
    const serials = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const l = await issueLeaf(ca, 'person', { commonName: `P${i}` });
      const hex = parseCertificate(l.cert).serialHex;
      expect(hex.length).toBeGreaterThanOrEqual(16);
      expect(parseInt(hex.slice(0, 2), 16)).toBeLessThan(0x80);
      expect(hex.startsWith('00')).toBe(false);
      serials.add(hex);
    }
    expect(serials.size).toBe(20);
    const fixed = await issueCertificate({
      profile: 'person',
      subject: { commonName: 'fixed' },
      publicKey: ca.caKey,
      issuer: { certificate: ca.ca, signer: ca.caSigner },
      serial: 0x80n,
      notBefore: T0,
      notAfter: T_END,
    }).catch((e: unknown) => e);
    expect(fixed instanceof Uint8Array ? parseCertificate(fixed).serialHex : fixed).toBe('80');
  });

  it('extra extensions are written as given; duplicates are refused', async () => {
    const { der } = await import('../src/asn1/der-writer.js');
    const policies = der.sequence(der.sequence(der.oid('2.16.124.113550.1.2.3')));
    const k = await generateKeyPair('ec-p256');
    const base = {
      profile: 'person' as const,
      subject: { commonName: 'With policy' },
      publicKey: k.publicKey,
      issuer: { certificate: ca.ca, signer: ca.caSigner },
      notBefore: T0,
      notAfter: T_END,
    };
    const cert = await issueCertificate({ ...base, extraExtensions: [{ oid: OID.certificatePolicies, critical: false, value: policies }] });
    expect(text(cert)).toMatch(/X509v3 Certificate Policies:\s+Policy: 2\.16\.124\.113550\.1\.2\.3/);
    expect(verifyWithOpenssl(ca, cert)).toMatch(/OK/);
    await expect(issueCertificate({ ...base, extraExtensions: [{ oid: OID.keyUsage, critical: true, value: policies }] })).rejects.toMatchObject({ code: 'PKI_INVALID_INPUT' });
  });

  it('RFC 4514 rendering escapes special characters', async () => {
    const l = await issueLeaf(ca, 'person', { commonName: '#Doe, John + "Co" ', organization: 'A;B<C>=D\\E' });
    expect(parseCertificate(l.cert).subject).toBe('CN=\\#Doe\\, John \\+ \\"Co\\"\\ ,O=A\\;B\\<C\\>\\=D\\\\E');
  });

  it('parseCertificate accepts PEM and rejects garbage with CERT_INVALID', () => {
    expect(parseCertificate(toPem(ca.root)).subject).toBe('CN=Test Root,O=Paraphe Tests,C=CA');
    expect(parseCertificate(ca.root).selfIssued).toBe(true);
    try {
      parseCertificate(new Uint8Array([1, 2, 3]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PkiError);
      expect((e as PkiError).code).toBe('CERT_INVALID');
    }
  });
});

describe('certificate issuing with RSA, RSA-PSS and Ed25519 issuers', () => {
  it.each([
    ['rsa-2048 PKCS#1 v1.5', 'rsa-2048', undefined],
    ['rsa-2048 PSS', 'rsa-2048', { kind: 'rsa-pss', saltLength: 32 }],
    ['ed25519', 'ed25519', undefined],
    ['ec-p384', 'ec-p384', undefined],
  ] as const)('%s chain verifies with openssl', async (_n, alg, scheme) => {
    const r = await generateKeyPair(alg);
    const root = await issueCertificate({
      profile: 'root',
      subject: { commonName: `Root ${alg}` },
      publicKey: r.publicKey,
      selfSigner: keySigner(r.privateKey, new Uint8Array(), [], scheme),
      notBefore: T0,
      notAfter: new Date('2055-01-01T00:00:00Z'),
    });
    const leafKey = await generateKeyPair('ec-p256');
    const leaf = await issueCertificate({
      profile: 'person',
      subject: { commonName: 'Leaf' },
      publicKey: leafKey.publicKey,
      issuer: { certificate: root, signer: keySigner(r.privateKey, root, [], scheme) },
      notBefore: T0,
      notAfter: T_END,
    });
    const t = tempDir();
    try {
      const out = opensslOk(['verify', '-attime', AT, '-CAfile', t.write('r.pem', toPem(root)), t.write('l.pem', toPem(leaf))]);
      expect(out).toMatch(/OK/);
      if (scheme) expect(text(leaf)).toMatch(/rsassaPss[\s\S]*Salt Length: 0x20/);
      expect(text(root)).toMatch(/Not After : Jan  1 00:00:00 2055 GMT/);
    } finally {
      t.remove();
    }
  });
});
