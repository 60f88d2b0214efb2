/**
 * SubFilters and algorithms through signatures made by hand with openssl cms: adbe.pkcs7.sha1,
 * MD5 (never acceptable), RSA-PSS, ECDSA P-256 and Ed25519.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keySigner } from '@paraphe/pki';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf, validate, type ValidationReport } from '../../src/index.js';
import { minimalPdf } from './support/minimal-pdf.js';
import { handSigned } from './support/hand-signed.js';
import { createTestPki, issueLeaf, type TestPki } from './support/test-pki.js';

const AT = new Date(Date.now() + 3_600_000);
let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});

function rsa(): { certPath: string; keyPath: string } {
  return { certPath: join(pki.dir, 'signer.pem'), keyPath: join(pki.dir, 'signer.key') };
}

async function check(bytes: Uint8Array): Promise<ValidationReport> {
  return validate(bytes, { trustAnchors: [pki.rootDer], at: AT });
}

describe('algorithms and legacy SubFilters', () => {
  it('adbe.pkcs7.detached, RSA PKCS#1 v1.5, SHA-256 (control): TOTAL_PASSED', async () => {
    const r = await check(handSigned({ dir: pki.dir, ...rsa(), subFilter: 'adbe.pkcs7.detached', cmsArgs: ['-md', 'sha256'] }));
    expect(r.indication).toBe('TOTAL_PASSED');
  });

  it('adbe.pkcs7.sha1: intact and valid, but SHA-1 is no longer acceptable → INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE', async () => {
    const r = await check(handSigned({ dir: pki.dir, ...rsa(), subFilter: 'adbe.pkcs7.sha1', cmsArgs: ['-md', 'sha256'] }));
    const s = r.signatures[0]!;
    expect(s).toMatchObject({ subFilter: 'adbe.pkcs7.sha1', intact: true, cryptoValid: true, indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', level: null });
    expect(s.reasons.join('\n')).toMatch(/adbe\.pkcs7\.sha1: .*SHA-1/);
  });

  it('MD5 digest: INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE, named', async () => {
    const r = await check(handSigned({ dir: pki.dir, ...rsa(), subFilter: 'adbe.pkcs7.detached', cmsArgs: ['-md', 'md5'] }));
    expect(r.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
    expect(r.signatures[0]!.reasons.join('\n')).toMatch(/MD5/);
  });

  it('RSA-PSS: TOTAL_PASSED', async () => {
    const r = await check(handSigned({ dir: pki.dir, ...rsa(), subFilter: 'ETSI.CAdES.detached', cmsArgs: ['-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss'] }));
    expect(r.indication, r.signatures[0]!.reasons.join('; ')).toBe('TOTAL_PASSED');
  });

  it('ECDSA P-256: TOTAL_PASSED', async () => {
    const r = await check(handSigned({ dir: pki.dir, ...issueLeaf(pki, 'Ecdsa Signer', 'ec'), subFilter: 'ETSI.CAdES.detached', cmsArgs: ['-md', 'sha256'] }));
    expect(r.indication, r.signatures[0]!.reasons.join('; ')).toBe('TOTAL_PASSED');
  });

  it('Ed25519 (signed with signPdf: openssl cms cannot sign with EdDSA): TOTAL_PASSED', async () => {
    const leaf = issueLeaf(pki, 'Edwards Signer', 'ed25519');
    const cert = new X509Certificate(readFileSync(leaf.certPath));
    const signer = keySigner(createPrivateKey(readFileSync(leaf.keyPath)), new Uint8Array(cert.raw), [pki.rootDer]);
    const r = await check(await signPdf(minimalPdf(), { signer, clock: () => new Date() }));
    expect(r.indication, r.signatures[0]!.reasons.join('; ')).toBe('TOTAL_PASSED');
  });

  it('a SubFilter that requires detached content but gets encapsulated content is never passed', async () => {
    const r = await check(handSigned({ dir: pki.dir, ...rsa(), subFilter: 'adbe.pkcs7.detached', cmsArgs: ['-md', 'sha256', '-nodetach'] }));
    expect(r.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
  });
});
