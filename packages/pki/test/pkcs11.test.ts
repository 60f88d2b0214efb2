import { constants, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTimestampToken,
  DEFAULT_TSA_POLICY,
  generateTokenKeyPair,
  issueCertificate,
  parseCertificate,
  pkcs11Signer,
  rawEcdsaToDer,
  toPem,
  type Pkcs11Signer,
} from '../src/index.js';
import { makeCa, T0, T_END, type TestCa } from './support/fixtures.js';
import { opensslOk, tempDir } from './support/openssl.js';
import { createSoftHsmToken, SOFTHSM_MODULE } from './support/softhsm.js';

const TOKEN = 'paraphe-test';
const PIN = '123456';

describe('PKCS#11 signer on SoftHSM2', () => {
  let token: { remove(): void };
  let ca: TestCa;
  const signers: Pkcs11Signer[] = [];
  beforeAll(async () => {
    if (!existsSync(SOFTHSM_MODULE)) throw new Error(`SoftHSM2 module not found at ${SOFTHSM_MODULE} (apt-get install softhsm2)`);
    token = createSoftHsmToken(TOKEN, PIN);
    ca = await makeCa('ec-p256');
  });
  afterAll(() => {
    for (const s of signers) s.close();
    token?.remove();
  });

  async function tokenIdentity(alg: 'rsa-2048' | 'ec-p256' | 'ec-p384' | 'ed25519', label: string, profile: 'person' | 'tsa' = 'person') {
    const k = generateTokenKeyPair({ module: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: label, algorithm: alg });
    const certificate = await issueCertificate({
      profile,
      subject: { commonName: label },
      publicKey: k.spki,
      issuer: { certificate: ca.ca, signer: ca.caSigner },
      notBefore: T0,
      notAfter: T_END,
    });
    return { k, certificate };
  }

  // First, while no session is open: PKCS#11 login state is per application, so once a signer
  // is logged in, another login is a no-op and cannot check a PIN.
  it('a wrong PIN is refused with PKCS11_ERROR', async () => {
    const { certificate } = await tokenIdentity('ec-p256', 'pin-key');
    expect(() => pkcs11Signer({ module: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: '000000', keyLabel: 'pin-key', certificate })).toThrow(
      expect.objectContaining({ code: 'PKCS11_ERROR', message: expect.stringMatching(/CKR_PIN_INCORRECT/) }),
    );
  });

  it.each([
    ['rsa-2048', 'SHA-256'],
    ['ec-p256', 'SHA-256'],
    ['ec-p384', 'SHA-384'],
    ['ed25519', 'SHA-256'],
  ] as const)('%s key generated on the token signs what node:crypto verifies (%s)', async (alg, hash) => {
    const { k, certificate } = await tokenIdentity(alg, `key-${alg}`);
    const s = pkcs11Signer({ module: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: `key-${alg}`, certificate, chain: [ca.ca] });
    signers.push(s);
    const data = new Uint8Array(Buffer.from(`document signé avec ${alg}`));
    const sig = await s.sign(data, hash);
    const pub = parseCertificate(certificate).publicKey;
    const h = alg === 'ed25519' ? null : hash === 'SHA-256' ? 'sha256' : 'sha384';
    expect(verify(h, data, { key: pub, dsaEncoding: 'der' }, sig)).toBe(true);
    expect(verify(h, new Uint8Array([0]), { key: pub, dsaEncoding: 'der' }, sig)).toBe(false);
    if (alg.startsWith('ec')) expect(sig[0]).toBe(0x30);
    expect(k.keyId).toHaveLength(8);
  });

  it('finds keys by CKA_ID, signs RSA-PSS, and reports unknown keys and tokens', async () => {
    const { k, certificate } = await tokenIdentity('rsa-2048', 'pss-key');
    const s = pkcs11Signer({ module: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyId: k.keyId, certificate, scheme: { kind: 'rsa-pss', saltLength: 32 } });
    signers.push(s);
    const data = new Uint8Array([1, 2, 3]);
    const sig = await s.sign(data, 'SHA-256');
    const pub = parseCertificate(certificate).publicKey;
    expect(verify('sha256', data, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)).toBe(true);
    expect(() => pkcs11Signer({ module: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'absent', certificate })).toThrow(
      expect.objectContaining({ code: 'PKCS11_NOT_FOUND' }),
    );
    expect(() => pkcs11Signer({ module: SOFTHSM_MODULE, tokenLabel: 'no-such-token', pin: PIN, keyLabel: 'pss-key', certificate })).toThrow(
      expect.objectContaining({ code: 'PKCS11_NOT_FOUND' }),
    );
  });

  it('a token-held TSA key issues tokens openssl ts -verify accepts', async () => {
    const { certificate } = await tokenIdentity('ec-p256', 'tsa-key', 'tsa');
    const s = pkcs11Signer({ module: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'tsa-key', certificate, chain: [ca.ca] });
    signers.push(s);
    const t = tempDir();
    try {
      const data = t.write('d.bin', 'registre');
      const q = `${t.dir}/q.tsq`;
      opensslOk(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', q]);
      const { readFileSync } = await import('node:fs');
      const resp = await createTimestampToken({
        request: new Uint8Array(readFileSync(q)),
        tsa: { certificate, chain: [ca.ca], signer: s },
        policyOid: DEFAULT_TSA_POLICY,
        genTime: new Date('2027-01-01T00:00:00Z'),
      });
      const r = t.write('r.tsr', resp);
      const out = opensslOk(['ts', '-verify', '-queryfile', q, '-in', r, '-CAfile', t.write('root.pem', toPem(ca.root)), '-untrusted', t.write('ca.pem', toPem(ca.ca))]);
      expect(out).toMatch(/Verification: OK/);
    } finally {
      t.remove();
    }
  });

  it('rawEcdsaToDer keeps INTEGERs minimal and positive', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80; // r has its top bit set → 0x00 prefix
    raw[63] = 1; // s = 1 with leading zeros → one byte
    expect(Buffer.from(rawEcdsaToDer(raw, 32)).toString('hex')).toBe(`3026022100${'80'.padEnd(64, '0')}020101`);
  });
});
