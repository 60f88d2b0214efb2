/** Path validation and revocation outcomes on certificates built in the test. */
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPaths, checkCrl, checkOcspResponse, validateCertPath, type PathValidationOptions } from '../../src/path/index.js';
import { ALGORITHMS, crl, issue, ocspResponse, type Entity } from './mini-pki.js';

const T0 = new Date('2025-06-01T00:00:00Z');
const BEFORE = new Date('2025-01-01T00:00:00Z');
const AFTER = new Date('2025-12-01T00:00:00Z');
const TSA_EKU = '1.3.6.1.5.5.7.3.8';
const OCSP_EKU = '1.3.6.1.5.5.7.3.9';

let root: Entity;
let ca: Entity;
let leaf: Entity;
let goodCrlRoot: Uint8Array;
let goodCrlCa: Uint8Array;

beforeAll(async () => {
  root = await issue({ name: 'Root', ca: true });
  ca = await issue({ name: 'Issuing CA', issuer: root, ca: true });
  leaf = await issue({ name: 'Alice', issuer: ca });
  goodCrlRoot = await crl(root, [], BEFORE, AFTER);
  goodCrlCa = await crl(ca, [], BEFORE, AFTER);
});

function opts(extra: Partial<PathValidationOptions> = {}): PathValidationOptions {
  return { trustAnchors: [root.der], intermediates: [ca.der], time: T0, crls: [goodCrlRoot, goodCrlCa], revocation: 'require', ...extra };
}

describe('validateCertPath', () => {
  it('passes a good chain checked against CRLs, leaf first and anchor last', async () => {
    const r = await validateCertPath(leaf.der, opts());
    expect(r).toMatchObject({ indication: 'PASSED', reasons: [], revocation: { status: 'good', source: 'crl', checkedCerts: 2 } });
    expect(r.path).toEqual([leaf.der, ca.der, root.der]);
  });

  it('reports an expired leaf as OUT_OF_BOUNDS_NO_POE', async () => {
    const old = await issue({ name: 'Old', issuer: ca, notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') });
    const r = await validateCertPath(old.der, opts());
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE', errorClass: 'Expired' });
    expect(r.reasons[0]).toMatch(/expired 2021-01-01/);
  });

  it('reports a not-yet-valid leaf as NOT_YET_VALID', async () => {
    const future = await issue({ name: 'Future', issuer: ca, notBefore: new Date('2030-01-01Z') });
    const r = await validateCertPath(future.der, opts());
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NOT_YET_VALID', errorClass: 'NotYetValid' });
  });

  it('finds a revocation in a CRL', async () => {
    const bob = await issue({ name: 'Bob', issuer: ca });
    const revokedAt = new Date('2025-03-01T00:00:00Z');
    const caCrl = await crl(ca, [{ cert: bob, at: revokedAt }], new Date('2025-03-02Z'), AFTER);
    const r = await validateCertPath(bob.der, opts({ crls: [goodCrlRoot, caCrl] }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE', errorClass: 'Revoked' });
    expect(r.revocation).toMatchObject({ status: 'revoked', source: 'crl', revokedAt, reason: 'keyCompromise' });
  });

  it('finds a revocation in an OCSP response', async () => {
    const revokedAt = new Date('2025-04-01T00:00:00Z');
    const resp = await ocspResponse({ cert: leaf, issuer: ca, status: { status: 'revoked', at: revokedAt }, thisUpdate: new Date('2025-05-31Z'), nextUpdate: AFTER });
    const r = await validateCertPath(leaf.der, opts({ ocspResponses: [resp] }));
    expect(r).toMatchObject({ subIndication: 'REVOKED_NO_POE', revocation: { status: 'revoked', source: 'ocsp', revokedAt } });
  });

  it('treats a certificate revoked after the validation time as good at that time', async () => {
    const carol = await issue({ name: 'Carol', issuer: ca });
    const caCrl = await crl(ca, [{ cert: carol, at: new Date('2025-09-01Z') }], new Date('2025-09-02Z'), AFTER);
    const past = await validateCertPath(carol.der, opts({ crls: [goodCrlRoot, caCrl], time: new Date('2025-08-01Z') }));
    expect(past).toMatchObject({ indication: 'PASSED', revocation: { status: 'good', source: 'crl' } });
    const later = await validateCertPath(carol.der, opts({ crls: [goodCrlRoot, caCrl], time: new Date('2025-10-01Z') }));
    expect(later).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' });
  });

  it('accepts a good OCSP response from a delegated responder', async () => {
    const responder = await issue({ name: 'OCSP Responder', issuer: ca, eku: [OCSP_EKU] });
    const resp = await ocspResponse({ cert: leaf, issuer: ca, signer: responder, status: { status: 'good' }, thisUpdate: new Date('2025-05-31Z'), nextUpdate: AFTER });
    const r = await validateCertPath(leaf.der, opts({ crls: [goodCrlRoot], ocspResponses: [resp] }));
    expect(r).toMatchObject({ indication: 'PASSED', revocation: { status: 'good', source: 'ocsp', checkedCerts: 2 } });
  });

  it('needs revocation information for every certificate when required', async () => {
    const r = await validateCertPath(leaf.der, opts({ crls: [goodCrlRoot] }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER', errorClass: 'RevocationUnavailable' });
    expect(r.reasons[0]).toMatch(/no revocation information could be found for the end-entity certificate/);
    const lenient = await validateCertPath(leaf.der, opts({ crls: [goodCrlRoot], revocation: 'if-available' }));
    expect(lenient).toMatchObject({ indication: 'PASSED', revocation: { status: 'unknown', source: null, checkedCerts: 1 } });
  });

  it('reports an OCSP "unknown" status as unknown, not good', async () => {
    const resp = await ocspResponse({ cert: leaf, issuer: ca, status: { status: 'unknown' }, thisUpdate: new Date('2025-05-31Z'), nextUpdate: AFTER });
    const r = await validateCertPath(leaf.der, opts({ crls: [goodCrlRoot], ocspResponses: [resp] }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER', revocation: { status: 'unknown' } });
  });

  it('rejects a stale CRL', async () => {
    const stale = await crl(ca, [], new Date('2024-01-01Z'), new Date('2024-02-01Z'));
    const r = await validateCertPath(leaf.der, opts({ crls: [goodCrlRoot, stale] }));
    expect(r).toMatchObject({ subIndication: 'TRY_LATER', errorClass: 'RevocationStale' });
  });

  it('reports a missing chain', async () => {
    const r = await validateCertPath(leaf.der, opts({ intermediates: [] }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND', errorClass: 'NoChain' });
    expect(r.path).toEqual([leaf.der]);
  });

  it('enforces a required extended key usage', async () => {
    const r = await validateCertPath(leaf.der, opts({ requiredEku: [TSA_EKU] }));
    expect(r).toMatchObject({ subIndication: 'CHAIN_CONSTRAINTS_FAILURE', errorClass: 'ExtKeyUsage' });
    const tsa = await issue({ name: 'TSA', issuer: ca, eku: [TSA_EKU] });
    expect((await validateCertPath(tsa.der, opts({ requiredEku: [TSA_EKU] }))).indication).toBe('PASSED');
  });

  it('applies the algorithm policy', async () => {
    const r = await validateCertPath(leaf.der, opts({ algorithmPolicy: (alg) => (alg.name === 'ECDSA' && (alg.keyBits ?? 0) < 384 ? 'P-256 too small' : null) }));
    expect(r).toMatchObject({ subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', errorClass: 'CryptoConstraints' });
    expect(r.reasons[0]).toMatch(/P-256 too small/);
  });

  it('fetches a missing issuer and an OCSP response online through injected fetchers', async () => {
    const dave = await issue({ name: 'Dave', issuer: ca, ocspUrl: 'http://ocsp.test/', caIssuersUrl: 'http://certs.test/ca.cer' });
    const resp = await ocspResponse({ cert: dave, issuer: ca, status: { status: 'good' }, thisUpdate: new Date('2025-05-31Z'), nextUpdate: AFTER });
    const asked: string[] = [];
    const r = await validateCertPath(dave.der, {
      ...opts({ intermediates: [], crls: [goodCrlRoot] }),
      fetchers: {
        certificate: async (url) => { asked.push(url); return ca.der; },
        ocsp: async (url, req) => { asked.push(url); expect(req[0]).toBe(0x30); return resp; },
      },
    });
    expect(r).toMatchObject({ indication: 'PASSED', revocation: { status: 'good', source: 'ocsp' } });
    expect(asked).toEqual(['http://certs.test/ca.cer', 'http://ocsp.test/']);
  });
});

describe('signature algorithms', () => {
  it.each(Object.keys(ALGORITHMS))('verifies a chain whose CA keys are %s', async (name) => {
    const algorithm = ALGORITHMS[name]!;
    const r1 = await issue({ name: `Root ${name}`, ca: true, algorithm });
    const c1 = await issue({ name: `CA ${name}`, issuer: r1, ca: true, algorithm });
    const ee = await issue({ name: `EE ${name}`, issuer: c1 });
    const crlRoot = await crl(r1, [], BEFORE, AFTER);
    const crlCa = await crl(c1, [{ cert: ee, at: new Date('2025-05-01Z') }], BEFORE, AFTER);
    const seen: string[] = [];
    const r = await validateCertPath(ee.der, {
      trustAnchors: [r1.der], intermediates: [c1.der], crls: [crlRoot, crlCa], time: T0, revocation: 'require',
      algorithmPolicy: (alg) => { seen.push(alg.name); return null; },
    });
    // Revoked proves both certificate and CRL signatures verified under this algorithm.
    expect(r).toMatchObject({ errorClass: 'Revoked', revocation: { status: 'revoked', source: 'crl' } });
    expect(seen).toContain(algorithm.name === 'RSASSA-PKCS1-v1_5' ? 'RSA' : algorithm.name);
  });

  it('rejects a certificate whose signature was tampered with', async () => {
    const der = new Uint8Array(leaf.der);
    der[der.length - 5] = der[der.length - 5]! ^ 0xff;
    const r = await validateCertPath(der, opts());
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE', errorClass: 'InvalidSignature' });
  });
});

describe('malformed input', () => {
  it('reports an unparsable leaf instead of throwing', async () => {
    const r = await validateCertPath(new Uint8Array([0x30, 0x03, 0x02, 0x01]), opts());
    expect(r).toMatchObject({ indication: 'INDETERMINATE', errorClass: 'MalformedCertificate' });
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('skips a malformed non-critical distribution point extension but refuses a malformed extended key usage', async () => {
    const garbage = new Uint8Array([0x04, 0x01]);
    const odd = await issue({ name: 'Odd CDP', issuer: ca, rawExtensions: [['2.5.29.31', false, garbage]] });
    expect(await validateCertPath(odd.der, opts({ revocation: 'none' }))).toMatchObject({ indication: 'PASSED' });
    const bad = await issue({ name: 'Bad EKU', issuer: ca, rawExtensions: [['2.5.29.37', false, garbage]] });
    const r = await validateCertPath(bad.der, opts({ revocation: 'none' }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', errorClass: 'MalformedCertificate' });
    expect(r.reasons[0]).toMatch(/2\.5\.29\.37/);
  });

  it('ignores an unparsable CRL and says so', async () => {
    const r = await validateCertPath(leaf.der, opts({ crls: [goodCrlRoot, new Uint8Array([1, 2, 3])] }));
    expect(r).toMatchObject({ errorClass: 'RevocationUnavailable' });
    expect(r.reasons.some((x) => /ignored CRL/.test(x))).toBe(true);
  });
});

/** A PKCS#7 certs-only bundle (what many caIssuers URLs serve). */
function certsOnly(...certs: Uint8Array[]): Uint8Array {
  const tagged0 = (value: asn1js.AsnType[]): asn1js.Constructed => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value });
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }), new asn1js.Set({ value: [] }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
      tagged0(certs.map((c) => asn1js.fromBER(new Uint8Array(c).buffer).result)), new asn1js.Set({ value: [] }),
    ],
  });
  const contentInfo = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.2' }), tagged0([signedData])] });
  return new Uint8Array(contentInfo.toBER());
}

describe('CRL fetching', () => {
  it('downloads the CRL named in the distribution point when none is given', async () => {
    const gina = await issue({ name: 'Gina', issuer: ca, crlUrl: 'http://crl.test/ca.crl' });
    const caCrl = await crl(ca, [{ cert: gina, at: new Date('2025-02-01Z') }], new Date('2025-02-02Z'), AFTER);
    const asked: string[] = [];
    const r = await validateCertPath(gina.der, {
      ...opts({ crls: [goodCrlRoot] }),
      fetchers: { crl: async (url) => { asked.push(url); return caCrl; } },
    });
    expect(asked).toEqual(['http://crl.test/ca.crl']);
    expect(r).toMatchObject({ errorClass: 'Revoked', revocation: { status: 'revoked', source: 'crl' } });
  });
});

describe('issuer fetching', () => {
  it('accepts a PKCS#7 certs-only bundle from a caIssuers URL', async () => {
    const erin = await issue({ name: 'Erin', issuer: ca, caIssuersUrl: 'http://certs.test/ca.p7c' });
    const r = await validateCertPath(erin.der, {
      ...opts({ intermediates: [], revocation: 'none' }),
      fetchers: { certificate: async () => certsOnly(root.der, ca.der) },
    });
    expect(r).toMatchObject({ indication: 'PASSED' });
    expect(r.path).toEqual([erin.der, ca.der, root.der]);
  });

  it('keeps the reason when the issuer cannot be fetched', async () => {
    const frank = await issue({ name: 'Frank', issuer: ca, caIssuersUrl: 'http://certs.test/missing.cer' });
    const r = await validateCertPath(frank.der, {
      ...opts({ intermediates: [], revocation: 'none' }),
      fetchers: { certificate: async () => { throw new Error('HTTP 404'); } },
    });
    expect(r).toMatchObject({ subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(r.reasons.join('\n')).toMatch(/missing\.cer failed: HTTP 404/);
  });
});

describe('buildPaths', () => {
  it('avoids loops between cross-certified CAs and returns every candidate', async () => {
    const a = await issue({ name: 'CA A', issuer: root, ca: true });
    const b = await issue({ name: 'CA B', issuer: root, ca: true });
    const aByB = await issue({ name: 'CA A', issuer: b, ca: true, keys: a.keys });
    const bByA = await issue({ name: 'CA B', issuer: a, ca: true, keys: b.keys });
    const ee = await issue({ name: 'Eve', issuer: a });
    const paths = buildPaths(ee.der, { trustAnchors: [root.der], intermediates: [a.der, b.der, aByB.der, bByA.der] });
    expect(paths.length).toBeGreaterThanOrEqual(1);
    for (const p of paths) {
      expect(p[0]).toEqual(ee.der);
      expect(p[p.length - 1]).toEqual(root.der);
      expect(new Set(p.map((c) => Buffer.from(c).toString('hex'))).size).toBe(p.length);
    }
    // Direct path first, then through the cross-certificate; never A → B → A.
    expect(paths.map((p) => p.length)).toEqual([3, 4]);
    const r = await validateCertPath(ee.der, { trustAnchors: [root.der], intermediates: [aByB.der, bByA.der, a.der, b.der], time: T0, revocation: 'none' });
    expect(r).toMatchObject({ indication: 'PASSED' });
  });
});

describe('checkCrl and checkOcspResponse', () => {
  it('verifies a CRL against its issuer, and refuses it from another issuer or once stale', async () => {
    expect(checkCrl(goodCrlCa, ca.der, { time: T0 })).toMatchObject({ valid: true, isDelta: false });
    expect(checkCrl(goodCrlCa, root.der, { time: T0 })).toMatchObject({ valid: false, errorClass: 'CRLInvalid' });
    expect(checkCrl(goodCrlCa, ca.der, { time: new Date('2026-01-01Z') })).toMatchObject({ valid: false, errorClass: 'RevocationStale' });
    const noEcdsa = { time: T0, algorithmPolicy: (alg: { name: string }) => (alg.name === 'ECDSA' ? 'ECDSA refused' : null) };
    expect(checkCrl(goodCrlCa, ca.der, noEcdsa)).toMatchObject({ valid: false, errorClass: 'CryptoConstraints', reasons: [expect.stringMatching(/ECDSA refused/)] });
  });

  it('refuses an OCSP response signed by a certificate the CA did not authorise', async () => {
    const notResponder = await issue({ name: 'Not A Responder', issuer: ca });
    const resp = await ocspResponse({ cert: leaf, issuer: ca, signer: notResponder, status: { status: 'good' }, thisUpdate: new Date('2025-05-31Z') });
    const check = checkOcspResponse(resp, leaf.der, ca.der, { time: T0 });
    expect(check).toMatchObject({ valid: false, errorClass: 'OCSPInvalid' });
    expect(check.reasons[0]).toMatch(/id-kp-OCSPSigning/);
    const good = await ocspResponse({ cert: leaf, issuer: ca, status: { status: 'good' }, thisUpdate: new Date('2025-05-31Z') });
    expect(checkOcspResponse(good, leaf.der, ca.der, { time: T0 })).toMatchObject({ valid: true, status: 'good', responder: 'issuer' });
    expect(checkOcspResponse(good, leaf.der, root.der, { time: T0 })).toMatchObject({ valid: false });
    const noSha256 = { time: T0, algorithmPolicy: (alg: { hash?: string }) => (alg.hash === 'sha256' ? 'SHA-256 refused' : null) };
    expect(checkOcspResponse(good, leaf.der, ca.der, noSha256)).toMatchObject({ valid: false, errorClass: 'CryptoConstraints' });
  });
});
