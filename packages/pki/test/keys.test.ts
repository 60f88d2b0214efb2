import { constants, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  encryptedKeySigner,
  generateKeyPair,
  keySigner,
  loadPkcs12,
  parseCertificate,
  toPem,
  writePkcs12,
  type KeyAlgorithm,
} from '../src/index.js';
import { issueLeaf, makeCa, type TestCa } from './support/fixtures.js';
import { openssl, opensslOk, tempDir } from './support/openssl.js';

const CORPUS = new URL('../../../../shared/corpus/pyhanko/crypto/', import.meta.url);

describe('key generation and the in-memory signer', () => {
  it.each(['rsa-2048', 'ec-p256', 'ec-p384', 'ed25519'] as KeyAlgorithm[])('%s signs what node:crypto verifies', async (alg) => {
    const k = await generateKeyPair(alg);
    const s = keySigner(k.privateKey, new Uint8Array());
    const data = new Uint8Array(Buffer.from('données à signer'));
    const sig = await s.sign(data, alg === 'ec-p384' ? 'SHA-384' : 'SHA-256');
    const hash = alg === 'ed25519' ? null : alg === 'ec-p384' ? 'sha384' : 'sha256';
    expect(verify(hash, data, { key: k.publicKey, dsaEncoding: 'der' }, sig)).toBe(true);
    if (s.scheme.kind === 'ecdsa') expect(sig[0]).toBe(0x30); // DER Ecdsa-Sig-Value, not raw r||s
  });

  it('RSA-PSS uses a salt as long as the hash', async () => {
    const k = await generateKeyPair('rsa-2048');
    const s = keySigner(k.privateKey, new Uint8Array(), [], { kind: 'rsa-pss', saltLength: 32 });
    const data = new Uint8Array([1, 2, 3]);
    const sig = await s.sign(data, 'SHA-256');
    expect(verify('sha256', data, { key: k.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)).toBe(true);
    expect(verify('sha256', data, { key: k.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 }, sig)).toBe(false);
  });

  it('rejects a scheme that does not fit the key', async () => {
    const k = await generateKeyPair('ec-p256');
    expect(() => keySigner(k.privateKey, new Uint8Array(), [], { kind: 'rsa-pkcs1v15' })).toThrow(/does not match/);
    expect(() => keySigner(k.privateKey, new Uint8Array(), [], { kind: 'ecdsa', namedCurve: 'P-384' })).toThrow(/does not match/);
  });
});

describe('encrypted PKCS#8', () => {
  it('default parameters (PBKDF2-SHA256 600k, AES-256-CBC): openssl pkcs8 reads it; wrong password → KEY_BAD_PASSWORD', async () => {
    const k = await generateKeyPair('ec-p256');
    const enc = encryptPrivateKey(k.privateKey, 'mot de passe éé');
    const t = tempDir();
    try {
      const file = t.write('k.der', enc);
      const info = opensslOk(['asn1parse', '-inform', 'DER', '-in', file]);
      expect(info).toMatch(/PBES2[\s\S]*PBKDF2[\s\S]*:0927C0[\s\S]*hmacWithSHA256[\s\S]*aes-256-cbc/);
      const pem = opensslOk(['pkcs8', '-in', file, '-inform', 'DER', '-passin', 'pass:mot de passe éé']);
      expect(createPublicKey(pem).export({ format: 'der', type: 'spki' }).equals(k.publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
      expect(openssl(['pkcs8', '-in', file, '-inform', 'DER', '-passin', 'pass:wrong']).status).not.toBe(0);
    } finally {
      t.remove();
    }
    const back = decryptPrivateKey(enc, 'mot de passe éé');
    expect(back.export({ format: 'der', type: 'pkcs8' }).equals(k.privateKey.export({ format: 'der', type: 'pkcs8' }))).toBe(true);
    expect(() => decryptPrivateKey(enc, 'wrong')).toThrow(expect.objectContaining({ code: 'KEY_BAD_PASSWORD' }));
  });

  it('reads keys encrypted by openssl (PBES2 AES-256 and scrypt) and refuses garbage with KEY_INVALID', async () => {
    const t = tempDir();
    try {
      opensslOk(['genpkey', '-algorithm', 'ed25519', '-out', `${t.dir}/k.pem`]);
      opensslOk(['pkcs8', '-topk8', '-in', `${t.dir}/k.pem`, '-v2', 'aes-128-cbc', '-passout', 'pass:abc', '-outform', 'DER', '-out', `${t.dir}/a.der`]);
      opensslOk(['pkcs8', '-topk8', '-in', `${t.dir}/k.pem`, '-scrypt', '-passout', 'pass:abc', '-outform', 'DER', '-out', `${t.dir}/s.der`]);
      for (const f of ['a.der', 's.der']) {
        const key = decryptPrivateKey(new Uint8Array(readFileSync(`${t.dir}/${f}`)), 'abc');
        expect(key.asymmetricKeyType).toBe('ed25519');
        expect(() => decryptPrivateKey(new Uint8Array(readFileSync(`${t.dir}/${f}`)), 'abd')).toThrow(expect.objectContaining({ code: 'KEY_BAD_PASSWORD' }));
      }
    } finally {
      t.remove();
    }
    expect(() => decryptPrivateKey(new Uint8Array([0x30, 0x00]), 'x')).toThrow(expect.objectContaining({ code: 'KEY_INVALID' }));
  });

  it('encryptedKeySigner signs with the decrypted key', async () => {
    const k = await generateKeyPair('ed25519');
    const enc = encryptPrivateKey(k.privateKey, 'pw', { iterations: 10_000 });
    const s = encryptedKeySigner(enc, 'pw', new Uint8Array([1]));
    const sig = await s.sign(new Uint8Array([9]), 'SHA-256');
    expect(verify(null, new Uint8Array([9]), k.publicKey, sig)).toBe(true);
  });
});

describe('PKCS#12', () => {
  let ca: TestCa;
  let leaf: Awaited<ReturnType<typeof issueLeaf>>;
  const files = tempDir();
  beforeAll(async () => {
    ca = await makeCa('ec-p256');
    leaf = await issueLeaf(ca, 'person', { commonName: 'Alice Tremblay', email: 'alice@example.org' }, 'rsa-2048');
    files.write('key.pem', leaf.key.export({ format: 'pem', type: 'pkcs8' }) as string);
    files.write('cert.pem', toPem(leaf.cert));
    files.write('chain.pem', toPem(ca.ca) + toPem(ca.root));
  });

  const exportWith = (name: string, extra: string[], pass: string) => {
    opensslOk(['pkcs12', '-export', ...extra, '-inkey', `${files.dir}/key.pem`, '-in', `${files.dir}/cert.pem`, '-certfile', `${files.dir}/chain.pem`, '-passout', `pass:${pass}`, '-out', `${files.dir}/${name}`]);
    return new Uint8Array(readFileSync(`${files.dir}/${name}`));
  };

  const expectLoaded = async (p12: Uint8Array, password: string) => {
    const l = loadPkcs12(p12, password);
    expect(Buffer.from(l.certificate).equals(Buffer.from(leaf.cert))).toBe(true);
    expect(l.chain.map((c) => parseCertificate(c).subject)).toEqual([parseCertificate(ca.ca).subject, parseCertificate(ca.root).subject]);
    const sig = await l.signer.sign(new Uint8Array([1, 2]), 'SHA-256');
    expect(verify('sha256', new Uint8Array([1, 2]), createPublicKey(leaf.key), sig)).toBe(true);
  };

  it('reads OpenSSL 3 default files (PBES2/AES-256, SHA-256 MAC)', async () => {
    const p12 = exportWith('default.p12', [], 'secret');
    expect(openssl(['pkcs12', '-in', `${files.dir}/default.p12`, '-info', '-noout', '-passin', 'pass:secret']).stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    await expectLoaded(p12, 'secret');
    expect(() => loadPkcs12(p12, 'nope')).toThrow(expect.objectContaining({ code: 'P12_BAD_PASSWORD' }));
  });

  it('reads legacy files (3DES key, RC2-40 certificates, SHA-1 MAC), including an empty password', async () => {
    const p12 = exportWith('legacy.p12', ['-legacy'], 'secret');
    const info = openssl(['pkcs12', '-in', `${files.dir}/legacy.p12`, '-info', '-noout', '-passin', 'pass:secret', '-legacy']);
    expect(info.stderr + info.stdout).toMatch(/pbeWithSHA1And40BitRC2-CBC/);
    await expectLoaded(p12, 'secret');
    expect(() => loadPkcs12(p12, 'wrong')).toThrow(expect.objectContaining({ code: 'P12_BAD_PASSWORD' }));
    await expectLoaded(exportWith('legacy-empty.p12', ['-legacy'], ''), '');
  });

  it('reads the pyHanko corpus files', async () => {
    const signer1 = loadPkcs12(new Uint8Array(readFileSync(new URL('testing-ca/interm/signer1.pfx', CORPUS))), '');
    expect(parseCertificate(signer1.certificate).subjectCommonName).toBe('Alice');
    expect(signer1.chain.length).toBeGreaterThan(0);
    const self = loadPkcs12(new Uint8Array(readFileSync(new URL('selfsigned.pfx', CORPUS))), 'exportsecret');
    expect(parseCertificate(self.certificate).selfIssued).toBe(true);
    const sig = await self.signer.sign(new Uint8Array([5]), 'SHA-256');
    expect(verify('sha256', new Uint8Array([5]), { key: parseCertificate(self.certificate).publicKey, dsaEncoding: 'der' }, sig)).toBe(true);
    expect(() => loadPkcs12(new Uint8Array(readFileSync(new URL('selfsigned.pfx', CORPUS))), 'bad')).toThrow(expect.objectContaining({ code: 'P12_BAD_PASSWORD' }));
  });

  it('not a PKCS#12 → P12_INVALID', () => {
    expect(() => loadPkcs12(new Uint8Array(Buffer.from('hello')), 'x')).toThrow(expect.objectContaining({ code: 'P12_INVALID' }));
    expect(() => loadPkcs12(leaf.cert, 'x')).toThrow(expect.objectContaining({ code: 'P12_INVALID' }));
  });

  it('writePkcs12 output is read by openssl 3 and by loadPkcs12', async () => {
    const p12 = writePkcs12({ key: leaf.key, certificate: leaf.cert, chain: [ca.ca, ca.root], password: 'dev-password', friendlyName: 'Alice Tremblay' });
    const file = files.write('written.p12', p12);
    const pem = opensslOk(['pkcs12', '-in', file, '-passin', 'pass:dev-password', '-nodes']);
    expect(pem).toMatch(/friendlyName: Alice Tremblay/);
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(pem).toMatch(/BEGIN PRIVATE KEY/);
    expect(openssl(['pkcs12', '-in', file, '-passin', 'pass:wrong', '-nodes']).status).not.toBe(0);
    await expectLoaded(p12, 'dev-password');
  });
});
