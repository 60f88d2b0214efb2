/**
 * The development PKI (`createDevPki`, as `paraphe pki init` writes it) with live services on
 * loopback: its certificates' AIA OCSP and CRL-DP URLs point at the in-process OCSP server
 * (which also serves the CRLs and CA certificates), and a TSA runs next to it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDevPki, startOcspServer, startTsaServer, toPem, type DevIdentity } from '@paraphe/pki';
import { freePort } from './cli.js';

export interface TestIdentity {
  p12: string;
  password: string;
  certificatePem: string;
  keyPem: string;
  chainPem: string;
}

export interface TestPki {
  rootPem: string;
  /** Issuing CA, TSA and OCSP certificates (PEM), for openssl -untrusted. */
  untrustedPem: string;
  /** Every non-root certificate as its own PEM file (for NSS databases). */
  knownPems: string[];
  alice: TestIdentity;
  benoit: TestIdentity;
  tsaUrl: string;
  ocspUrl: string;
  close(): Promise<void>;
}

export async function startTestPki(dir: string, clock: () => Date = () => new Date()): Promise<TestPki> {
  const port = await freePort();
  const pki = await createDevPki({ dir, clock, baseUrl: `http://127.0.0.1:${port}`, overwrite: true });
  const untrustedPem = join(dir, 'untrusted.pem');
  await writeFile(untrustedPem, [pki.ca, pki.tsa, pki.ocsp].map((id) => toPem(id.certificate)).join(''));

  const identity = async (name: string, id: DevIdentity): Promise<TestIdentity> => {
    const keyPem = join(dir, `${name}.key.pem`);
    await writeFile(keyPem, id.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
    return {
      p12: join(dir, `${name}.p12`),
      password: pki.password,
      certificatePem: join(dir, `${name}.pem`),
      keyPem,
      chainPem: join(dir, 'chain.pem'),
    };
  };

  const ocspServer = await startOcspServer({
    port,
    host: '127.0.0.1',
    responder: { certificate: pki.ocsp.certificate, signer: pki.ocsp.signer },
    status: (certId) => pki.status(certId),
    files: pki.files,
    clock,
  });
  const tsaServer = await startTsaServer({ port: 0, host: '127.0.0.1', tsa: pki.tsa, clock });
  return {
    rootPem: join(dir, 'root.pem'),
    untrustedPem,
    knownPems: ['ca', 'alice', 'benoit', 'seal', 'tsa', 'ocsp'].map((name) => join(dir, `${name}.pem`)),
    alice: await identity('alice', pki.alice),
    benoit: await identity('benoit', pki.benoit),
    tsaUrl: tsaServer.url,
    ocspUrl: ocspServer.url,
    close: async () => {
      await Promise.all([ocspServer.close(), tsaServer.close()]);
    },
  };
}
