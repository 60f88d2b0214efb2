/**
 * A throw-away PKI made with the openssl CLI: a root CA and a signer certificate (RSA-2048),
 * as PEM files, a PKCS#12 and an NSS database holding the signer key and trusting the root.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { tempDir, tool, write } from './tools.js';

/** Where the signer certificate says its CRL is (served only by test fetchers). */
export const CRL_URL = 'http://crl.test.invalid/root.crl';

export interface TestPki {
  readonly dir: string;
  readonly rootDer: Uint8Array;
  readonly signerDer: Uint8Array;
  readonly signerKey: KeyObject;
  readonly signerPem: string;
  readonly signerKeyPem: string;
  /** NSS database directory (sql:) with the signer key under nickname "signer". */
  readonly nss: string;
  /** Time-stamping authority (EKU timeStamping, critical) issued by the root, valid ten years. */
  readonly tsaDer: Uint8Array;
  readonly tsaKey: KeyObject;
  readonly rootKey: KeyObject;
}

export interface TestPkiOptions {
  /** Validity of the signer certificate in days (default 365). */
  readonly signerDays?: number;
}

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));
}

export function createTestPki(options: TestPkiOptions = {}): TestPki {
  const dir = tempDir();
  const p = (n: string): string => join(dir, n);
  tool('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('root.key'), '-out', p('root.pem'), '-days', '3650', '-subj', '/CN=Paraphe Validation Test Root/O=Paraphe',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  tool('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('signer.key'), '-out', p('signer.csr'), '-subj', '/CN=Marie Tremblay/O=Ville de Test']);
  write(dir, 'signer.ext', `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\ncrlDistributionPoints=URI:${CRL_URL}\n`);
  tool('openssl', ['x509', '-req', '-in', p('signer.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', '4242', '-days', String(options.signerDays ?? 365), '-out', p('signer.pem'), '-extfile', p('signer.ext')]);
  tool('openssl', ['pkcs12', '-export', '-inkey', p('signer.key'), '-in', p('signer.pem'), '-certfile', p('root.pem'), '-name', 'signer', '-out', p('signer.p12'), '-passout', 'pass:test']);
  const nss = p('nss');
  tool('mkdir', ['-p', nss]);
  tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  tool('pk12util', ['-i', p('signer.p12'), '-d', `sql:${nss}`, '-W', 'test']);
  tool('certutil', ['-M', '-d', `sql:${nss}`, '-n', 'Paraphe Validation Test Root - Paraphe', '-t', 'CT,C,C']);
  tool('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('tsa.key'), '-out', p('tsa.csr'), '-subj', '/CN=Paraphe Test TSA/O=Paraphe']);
  write(dir, 'tsa.ext', 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
  tool('openssl', ['x509', '-req', '-in', p('tsa.csr'), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', '77', '-days', '3650', '-out', p('tsa.pem'), '-extfile', p('tsa.ext')]);
  const signerPem = readFileSync(p('signer.pem'), 'utf8');
  const signerKeyPem = readFileSync(p('signer.key'), 'utf8');
  return {
    dir,
    rootDer: pemToDer(readFileSync(p('root.pem'), 'utf8')),
    signerDer: pemToDer(signerPem),
    signerKey: createPrivateKey(signerKeyPem),
    signerPem,
    signerKeyPem,
    nss,
    tsaDer: pemToDer(readFileSync(p('tsa.pem'), 'utf8')),
    tsaKey: createPrivateKey(readFileSync(p('tsa.key'), 'utf8')),
    rootKey: createPrivateKey(readFileSync(p('root.key'), 'utf8')),
  };
}

/** Issues another leaf certificate from the root: 'ec' (P-256), 'ed25519' or 'rsa' (2048). Returns PEM paths. */
export function issueLeaf(pki: TestPki, name: string, kind: 'ec' | 'ed25519' | 'rsa'): { certPath: string; keyPath: string } {
  const p = (n: string): string => join(pki.dir, n);
  const keyPath = p(`${name}.key`);
  const certPath = p(`${name}.pem`);
  const genArgs = kind === 'ec' ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'] : kind === 'ed25519' ? ['-algorithm', 'ED25519'] : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  tool('openssl', ['genpkey', ...genArgs, '-out', keyPath]);
  tool('openssl', ['req', '-new', '-key', keyPath, '-out', p(`${name}.csr`), '-subj', `/CN=${name}/O=Ville de Test`]);
  tool('openssl', ['x509', '-req', '-in', p(`${name}.csr`), '-CA', p('root.pem'), '-CAkey', p('root.key'), '-set_serial', String(1000 + name.length), '-days', '365', '-out', certPath, '-extfile', p('signer.ext')]);
  return { certPath, keyPath };
}
