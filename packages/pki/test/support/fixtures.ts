/** A small PKI built once per test file: root, issuing CA, and helpers to issue leaves. */
import type { KeyObject } from 'node:crypto';
import { generateKeyPair, issueCertificate, keySigner, type CertificateProfile, type KeyAlgorithm, type Signer, type SubjectFields } from '../../src/index.js';

export const T0 = new Date('2026-01-01T00:00:00Z');
export const T_END = new Date('2031-01-01T00:00:00Z');

export interface TestCa {
  rootKey: KeyObject;
  root: Uint8Array;
  caKey: KeyObject;
  ca: Uint8Array;
  caSigner: Signer;
  rootSigner: Signer;
}

export async function makeCa(alg: KeyAlgorithm = 'ec-p256'): Promise<TestCa> {
  const r = await generateKeyPair(alg);
  const root = await issueCertificate({
    profile: 'root',
    subject: { commonName: 'Test Root', organization: 'Paraphe Tests', country: 'CA' },
    publicKey: r.publicKey,
    privateKey: r.privateKey,
    notBefore: T0,
    notAfter: T_END,
  });
  const rootSigner = keySigner(r.privateKey, root);
  const c = await generateKeyPair(alg);
  const ca = await issueCertificate({
    profile: 'ca',
    subject: { commonName: 'Test Issuing CA', organization: 'Paraphe Tests', country: 'CA' },
    publicKey: c.publicKey,
    issuer: { certificate: root, signer: rootSigner },
    notBefore: T0,
    notAfter: T_END,
  });
  return { rootKey: r.privateKey, root, caKey: c.privateKey, ca, caSigner: keySigner(c.privateKey, ca, [root]), rootSigner };
}

export async function issueLeaf(
  ca: TestCa,
  profile: CertificateProfile,
  subject: SubjectFields,
  alg: KeyAlgorithm = 'ec-p256',
  extra: { ocspUrl?: string; crlUrl?: string; caIssuersUrl?: string } = {},
): Promise<{ key: KeyObject; cert: Uint8Array; signer: Signer }> {
  const k = await generateKeyPair(alg);
  const cert = await issueCertificate({
    profile,
    subject,
    publicKey: k.publicKey,
    issuer: { certificate: ca.ca, signer: ca.caSigner },
    notBefore: T0,
    notAfter: T_END,
    ...extra,
  });
  return { key: k.privateKey, cert, signer: keySigner(k.privateKey, cert, [ca.ca, ca.root]) };
}
