/**
 * A test PKI with live services on loopback: root → issuing CA → Alice (RSA-2048) and Benoît
 * (ECDSA P-256), a TSA and an OCSP responder. Certificates carry AIA OCSP and CRL-DP URLs
 * pointing at the in-process OCSP server (which also serves the CA's CRL). PKCS#12 files are
 * written by `openssl pkcs12 -export`, as a user's key would be.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createCrl,
  generateKeyPair,
  issueCertificate,
  keySigner,
  startOcspServer,
  startTsaServer,
  toPem,
  type KeyAlgorithm,
} from '@paraphe/pki';
import { freePort } from './cli.js';
import { runToolOk } from './tools.js';

export interface TestIdentity {
  p12: string;
  password: string;
  certificatePem: string;
  keyPem: string;
}

export interface TestPki {
  rootPem: string;
  /** Issuing CA, TSA and OCSP certificates (PEM), for openssl -untrusted. */
  untrustedPem: string;
  alice: TestIdentity;
  benoit: TestIdentity;
  tsaUrl: string;
  ocspUrl: string;
  close(): Promise<void>;
}

const YEAR = 365 * 24 * 3600 * 1000;

export async function startTestPki(dir: string, clock: () => Date = () => new Date()): Promise<TestPki> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const now = clock();
  const notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  const notAfter = new Date(now.getTime() + 5 * YEAR);

  const rootKeys = await generateKeyPair('rsa-2048');
  const root = await issueCertificate({
    profile: 'root', subject: { commonName: 'Paraphe Test Root', organization: 'Paraphe tests' },
    publicKey: rootKeys.publicKey, privateKey: rootKeys.privateKey, notBefore, notAfter,
  });
  const rootSigner = keySigner(rootKeys.privateKey, root);
  const caKeys = await generateKeyPair('rsa-2048');
  const ca = await issueCertificate({
    profile: 'ca', subject: { commonName: 'Paraphe Test Issuing CA', organization: 'Paraphe tests' },
    publicKey: caKeys.publicKey, issuer: { certificate: root, signer: rootSigner }, notBefore, notAfter,
    crlUrl: `${base}/root.crl`,
  });
  const caSigner = keySigner(caKeys.privateKey, ca, [root]);
  const issue = async (profile: 'person' | 'tsa' | 'ocsp', commonName: string, alg: KeyAlgorithm) => {
    const keys = await generateKeyPair(alg);
    const certificate = await issueCertificate({
      profile, subject: { commonName, organization: 'Ville de Paraphe', email: profile === 'person' ? 'test@example.org' : undefined },
      publicKey: keys.publicKey, issuer: { certificate: ca, signer: caSigner }, notBefore, notAfter,
      ocspUrl: profile === 'ocsp' ? undefined : base, crlUrl: `${base}/ca.crl`,
    });
    return { keys, certificate };
  };
  const [alice, benoit, tsa, ocsp] = await Promise.all([
    issue('person', 'Alice Tremblay', 'rsa-2048'),
    issue('person', 'Benoît Gagnon', 'ec-p256'),
    issue('tsa', 'Paraphe Test TSA', 'rsa-2048'),
    issue('ocsp', 'Paraphe Test OCSP', 'ec-p256'),
  ]);
  const crlTimes = { thisUpdate: notBefore, nextUpdate: new Date(now.getTime() + 7 * 24 * 3600 * 1000), revoked: [], crlNumber: 1 };
  const caCrl = await createCrl({ issuer: { certificate: ca, signer: caSigner }, ...crlTimes });
  const rootCrl = await createCrl({ issuer: { certificate: root, signer: rootSigner }, ...crlTimes });

  const rootPem = join(dir, 'root.pem');
  const untrustedPem = join(dir, 'untrusted.pem');
  await writeFile(rootPem, toPem(root));
  await writeFile(untrustedPem, [ca, tsa.certificate, ocsp.certificate].map((c) => toPem(c)).join(''));
  const chainPem = join(dir, 'chain.pem');
  await writeFile(chainPem, toPem(ca) + toPem(root));

  const identity = async (name: string, who: typeof alice): Promise<TestIdentity> => {
    const certificatePem = join(dir, `${name}.pem`);
    const keyPem = join(dir, `${name}.key.pem`);
    const p12 = join(dir, `${name}.p12`);
    const password = `${name}-test-password`;
    await writeFile(certificatePem, toPem(who.certificate));
    await writeFile(keyPem, who.keys.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
    await runToolOk('openssl', [
      'pkcs12', '-export', '-inkey', keyPem, '-in', certificatePem, '-certfile', chainPem,
      '-name', name, '-out', p12, '-passout', `pass:${password}`,
    ]);
    return { p12, password, certificatePem, keyPem };
  };

  const ocspServer = await startOcspServer({
    port, host: '127.0.0.1',
    responder: { certificate: ocsp.certificate, signer: keySigner(ocsp.keys.privateKey, ocsp.certificate) },
    status: () => ({ status: 'good' }),
    clock,
    files: { '/ca.crl': caCrl, '/root.crl': rootCrl },
  });
  const tsaServer = await startTsaServer({
    port: 0, host: '127.0.0.1', clock,
    tsa: { certificate: tsa.certificate, chain: [ca, root], signer: keySigner(tsa.keys.privateKey, tsa.certificate, [ca, root]) },
  });
  return {
    rootPem,
    untrustedPem,
    alice: await identity('alice', alice),
    benoit: await identity('benoit', benoit),
    tsaUrl: tsaServer.url,
    ocspUrl: ocspServer.url,
    close: async () => {
      await Promise.all([ocspServer.close(), tsaServer.close()]);
    },
  };
}
