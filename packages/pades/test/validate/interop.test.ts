/**
 * Files signed by independent tools (pdfsig, podofosign) and by Paraphe's signer validate as
 * TOTAL_PASSED against their root; without the root they are intact but INDETERMINATE.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/index.js';
import { minimalPdf } from './support/minimal-pdf.js';
import { signWithParaphe, signWithPdfsig, signWithPodofo } from './support/signed-files.js';
import { createTestPki, type TestPki } from './support/test-pki.js';

const AT = new Date(Date.now() + 3_600_000); // within the throw-away certificates' validity
let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});

describe('signatures made by other tools and by Paraphe', () => {
  it('pdfsig -add-signature (adbe.pkcs7.detached): TOTAL_PASSED, no PAdES level', async () => {
    const signed = signWithPdfsig(pki, minimalPdf());
    const r = await validate(signed, { trustAnchors: [pki.rootDer], at: AT });
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s).toMatchObject({ type: 'signature', intact: true, cryptoValid: true, trusted: true, coverage: 'ENTIRE_FILE', modification: 'NONE', level: null, subFilter: 'adbe.pkcs7.detached' });
    expect(s.signer?.subject).toContain('CN=Marie Tremblay');
    expect(s.signer?.serial).toBe('1092');
  });

  it('podofosign (repeats its SignerInfo): TOTAL_PASSED, with the repetition noted', async () => {
    const r = await validate(signWithPodofo(pki, minimalPdf()), { trustAnchors: [pki.rootDer], at: AT });
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures[0]!.reasons.join(' ')).toMatch(/SignerInfos; all are valid and by the same signer/);
  });

  it('Paraphe signPdf (ETSI.CAdES.detached): TOTAL_PASSED at level B-B', async () => {
    const r = await validate(await signWithParaphe(pki, minimalPdf()), { trustAnchors: [pki.rootDer], at: AT });
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures[0]).toMatchObject({ level: 'B-B', subFilter: 'ETSI.CAdES.detached', trusted: true });
  });

  it('two signatures in turn (pdfsig then Paraphe): both pass, the first covers its revision', async () => {
    const twice = await signWithParaphe(pki, signWithPdfsig(pki, minimalPdf()), { field: 'Second' });
    const r = await validate(twice, { trustAnchors: [pki.rootDer], at: AT });
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures.map((s) => s.coverage)).toEqual(['ENTIRE_REVISION', 'ENTIRE_FILE']);
    expect(r.signatures[0]!.modification).toBe('FORM_FILLING');
  });

  it('without a trust anchor: intact and valid, but INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', async () => {
    const r = await validate(await signWithParaphe(pki, minimalPdf()), { trustAnchors: [], at: AT });
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.signatures[0]).toMatchObject({ intact: true, cryptoValid: true, trusted: false, subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
  });

  it('validated before the signer certificate was issued: not passed, the path reason is given', async () => {
    const r = await validate(await signWithParaphe(pki, minimalPdf()), { trustAnchors: [pki.rootDer], at: new Date('2001-01-01T00:00:00Z') });
    expect(r.indication).not.toBe('TOTAL_PASSED');
    expect(r.signatures[0]!.trusted).toBe(false);
    expect(r.signatures[0]!.reasons.some((x) => x.startsWith('signer certificate:'))).toBe(true);
  });
});
