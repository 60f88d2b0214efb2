/**
 * A throw-away PKI for signing tests: root CA → intermediate CA → RSA and ECDSA signers, plus a
 * TSA certificate and CRLs, made with node:crypto keys and @peculiar/x509.
 */
import 'reflect-metadata';
import { webcrypto, createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { HashAlgorithm, SignatureScheme, Signer } from '@paraphe/pki';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const EC = { name: 'ECDSA', namedCurve: 'P-256' };
const ED = { name: 'Ed25519' };
const NODE_HASH: Record<HashAlgorithm, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

export interface Party {
  readonly cert: x509.X509Certificate;
  readonly der: Uint8Array;
  readonly keys: CryptoKeyPair;
  readonly privateKey: KeyObject;
}

export interface TestPki {
  /** `count` distinct ECDSA certificates issued by the CA (fillers for size tests). */
  fillers(count: number): Promise<Uint8Array[]>;
  readonly root: Party;
  readonly ca: Party;
  readonly rsa: Party;
  readonly ecdsa: Party;
  readonly tsa: Party;
  readonly ed25519: Party;
  readonly notBefore: Date;
  /** CRL issued by `issuer` (no revoked entries unless given). */
  crl(issuer: Party, revokedSerials?: readonly string[]): Promise<Uint8Array>;
  pem(party: Party): string;
}

export const CRL_URL_ROOT = 'http://crl.test.invalid/root.crl';
export const CRL_URL_CA = 'http://crl.test.invalid/ca.crl';

async function makeParty(
  name: string,
  alg: typeof RSA | typeof EC | typeof ED,
  issuer: Party | undefined,
  extensions: x509.Extension[],
  serial: string,
  notBefore: Date,
): Promise<Party> {
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const signingAlgorithm = issuer ? issuer.keys.privateKey.algorithm : alg;
  const signAlg = signingAlgorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { ...RSA };
  const ski = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
  const akiSource = issuer ? issuer.cert : undefined;
  const aki = akiSource ? [await x509.AuthorityKeyIdentifierExtension.create(akiSource)] : [];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: name,
    issuer: issuer ? issuer.cert.subject : name,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 10 * 365 * 86400_000),
    publicKey: keys.publicKey,
    signingKey: issuer ? issuer.keys.privateKey : keys.privateKey,
    signingAlgorithm: signAlg,
    extensions: [ski, ...aki, ...extensions],
  });
  const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  return { cert, der: new Uint8Array(cert.rawData), keys, privateKey };
}

export async function createTestPki(notBefore = new Date('2026-01-01T00:00:00Z')): Promise<TestPki> {
  const caExt = (pathLen?: number) => [
    new x509.BasicConstraintsExtension(true, pathLen, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ];
  const leafExt = (crlUrl: string) => [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
    new x509.CRLDistributionPointsExtension([crlUrl]),
  ];
  const root = await makeParty('CN=Paraphe Test Root,O=Paraphe Tests,C=CA', RSA, undefined, caExt(), '01', notBefore);
  const ca = await makeParty('CN=Paraphe Test CA,O=Paraphe Tests,C=CA', RSA, root, [...caExt(0), new x509.CRLDistributionPointsExtension([CRL_URL_ROOT])], '02', notBefore);
  const rsa = await makeParty('CN=Marie Tremblay,O=Ville de Test,C=CA', RSA, ca, leafExt(CRL_URL_CA), '1001', notBefore);
  const ecdsa = await makeParty('CN=Jean Gagnon,O=Ville de Test,C=CA', EC, ca, leafExt(CRL_URL_CA), '1002', notBefore);
  const tsa = await makeParty('CN=Paraphe Test TSA,O=Paraphe Tests,C=CA', RSA, ca, [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
    new x509.CRLDistributionPointsExtension([CRL_URL_CA]),
  ], '1003', notBefore);

  const ed25519 = await makeParty('CN=Luc Bouchard,O=Ville de Test,C=CA', ED, ca, leafExt(CRL_URL_CA), '1004', notBefore);
  return {
    root, ca, rsa, ecdsa, tsa, ed25519, notBefore,
    async crl(issuer, revokedSerials = []) {
      const crl = await x509.X509CrlGenerator.create({
        issuer: issuer.cert.subject,
        thisUpdate: new Date(notBefore.getTime() + 86400_000),
        nextUpdate: new Date(notBefore.getTime() + 5 * 365 * 86400_000),
        entries: revokedSerials.map((serialNumber) => ({ serialNumber, revocationDate: notBefore })),
        signingKey: issuer.keys.privateKey,
        signingAlgorithm: { ...RSA },
        extensions: [await x509.AuthorityKeyIdentifierExtension.create(issuer.cert)],
      });
      return new Uint8Array(crl.rawData);
    },
    pem: (party) => party.cert.toString('pem'),
    async fillers(count) {
      const out: Uint8Array[] = [];
      for (let i = 0; i < count; i++) {
        out.push((await makeParty(`CN=Filler ${i},O=Paraphe Tests,C=CA`, EC, ca, [], (0x5000 + i).toString(16), notBefore)).der);
      }
      return out;
    },
  };
}

/** A Signer over an in-memory key, for tests (the product's key signers live in @paraphe/pki). */
export function testSigner(party: Party, chain: readonly Party[], scheme?: SignatureScheme): Signer {
  const keyAlg = party.keys.privateKey.algorithm.name;
  const effective: SignatureScheme =
    scheme ??
    (keyAlg === 'ECDSA' ? { kind: 'ecdsa', namedCurve: 'P-256' } : keyAlg === 'Ed25519' ? { kind: 'ed25519' } : { kind: 'rsa-pkcs1v15' });
  return {
    certificate: party.der,
    chain: chain.map((p) => p.der),
    scheme: effective,
    async sign(data: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array> {
      if (effective.kind === 'rsa-pss') {
        return new Uint8Array(nodeSign(NODE_HASH[hash], data, { key: party.privateKey, padding: 6, saltLength: effective.saltLength }));
      }
      if (effective.kind === 'ed25519') return new Uint8Array(nodeSign(null, data, party.privateKey));
      if (effective.kind === 'ecdsa') {
        return new Uint8Array(nodeSign(NODE_HASH[hash], data, { key: party.privateKey, dsaEncoding: 'der' }));
      }
      return new Uint8Array(nodeSign(NODE_HASH[hash], data, party.privateKey));
    },
  };
}
