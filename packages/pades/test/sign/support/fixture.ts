/** Everything a signing test needs: PKI, TSA, CRL-based revocation source, inputs, NSS db, temp dir. */
import type { RevocationSource } from '../../../src/dss/revocation-source.js';
import type { SignOptions } from '../../../src/sign/sign-options.js';
import { makeInputs, type TestInputs } from './inputs.js';
import { CRL_URL_CA, CRL_URL_ROOT, createTestPki, testSigner, type TestPki } from './test-pki.js';
import { createTestTsa, type TestTsa } from './test-tsa.js';
import { nssDbTrusting, tempDir, writeTemp } from './tools.js';

export const SIGNING_TIME = new Date('2026-12-03T15:00:00Z');

export interface Fixture {
  readonly pki: TestPki;
  readonly dir: string;
  readonly nss: string;
  readonly inputs: TestInputs;
  readonly tsa: TestTsa;
  readonly revocation: RevocationSource;
  /** CRL fetches made through `revocation`. */
  readonly crlFetches: string[];
  rsaOptions(extra?: Partial<SignOptions>): SignOptions;
  ecdsaOptions(extra?: Partial<SignOptions>): SignOptions;
}

export async function createFixture(): Promise<Fixture> {
  const pki = await createTestPki();
  const dir = tempDir();
  writeTemp(dir, 'root.pem', pki.pem(pki.root));
  writeTemp(dir, 'tsa-chain.pem', `${pki.pem(pki.tsa)}\n${pki.pem(pki.ca)}\n`);
  const nss = nssDbTrusting(dir, pki.pem(pki.root));
  const inputs = makeInputs(dir);
  const tsa = createTestTsa(pki.tsa, [pki.ca], () => new Date('2026-12-03T15:00:05Z'));
  const crls = new Map([
    [CRL_URL_CA, await pki.crl(pki.ca)],
    [CRL_URL_ROOT, await pki.crl(pki.root)],
  ]);
  const crlFetches: string[] = [];
  const revocation: RevocationSource = {
    async crl(url) {
      crlFetches.push(url);
      return crls.get(url);
    },
    extraCerts: [pki.root.der],
  };
  const clock = () => SIGNING_TIME;
  return {
    pki, dir, nss, inputs, tsa, revocation, crlFetches,
    rsaOptions: (extra = {}) => ({ signer: testSigner(pki.rsa, [pki.ca, pki.root]), clock, ...extra }),
    ecdsaOptions: (extra = {}) => ({ signer: testSigner(pki.ecdsa, [pki.ca, pki.root]), clock, ...extra }),
  };
}
