/**
 * Revocation: a CRL stored in the DSS revoking the signer fails the signature (source dss);
 * a good CRL from an injected fetcher (used only when given) reports status good (source crl).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCrl, keySigner } from '@paraphe/pki';
import { pdfArray, pdfDict, pdfNumber, pdfStream, withEntry } from '@paraphe/pdf';
import { validate } from '../../src/index.js';
import { appendUpdate } from './support/append.js';
import { minimalPdf } from './support/minimal-pdf.js';
import { signWithParaphe } from './support/signed-files.js';
import { createTestPki, CRL_URL, type TestPki } from './support/test-pki.js';

const NOW = Date.now();
const AT = new Date(NOW + 3_600_000);
let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});

function crl(revokedSerials: bigint[]): Promise<Uint8Array> {
  return createCrl({
    issuer: { certificate: pki.rootDer, signer: keySigner(pki.rootKey, pki.rootDer) },
    thisUpdate: new Date(NOW - 60_000),
    nextUpdate: new Date(NOW + 7 * 86_400_000),
    revoked: revokedSerials.map((serial) => ({ serial, date: new Date(NOW - 30_000), reason: 'keyCompromise' as const })),
    crlNumber: 1,
  });
}

describe('revocation', () => {
  it('a CRL in the DSS revoking the signer: not passed, revoked, source dss', async () => {
    const signed = await signWithParaphe(pki, minimalPdf());
    const revoked = await crl([4242n]);
    const withDss = appendUpdate(signed, (doc, up) => {
      const stream = up.allocate();
      up.set(stream, pdfStream(pdfDict({ Length: pdfNumber(revoked.length) }), revoked));
      const dss = up.allocate();
      up.set(dss, pdfDict({ CRLs: pdfArray([stream]) }));
      const root = doc.trailer().entries.get('Root');
      if (root?.kind !== 'ref') throw new Error('no /Root reference');
      up.set(root, withEntry(doc.catalog(), 'DSS', dss));
    });
    const r = await validate(withDss, { trustAnchors: [pki.rootDer], at: AT });
    const s = r.signatures[0]!;
    expect(r.indication).not.toBe('TOTAL_PASSED');
    expect(s.revocation).toEqual({ status: 'revoked', source: 'dss' });
    expect(s.trusted).toBe(false);
    expect(s.modification).toBe('LTA_UPDATES');
    expect(s.subIndication).toMatch(/^REVOKED/);
    expect(s.reasons.join('\n')).toMatch(/revoked/);
  });

  it('a good CRL fetched through an injected fetcher: status good, source crl', async () => {
    const good = await crl([]);
    const fetched: string[] = [];
    const r = await validate(await signWithParaphe(pki, minimalPdf()), {
      trustAnchors: [pki.rootDer], at: AT,
      fetchers: { crl: async (url) => { fetched.push(url); return good; } },
    });
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(fetched).toContain(CRL_URL);
    expect(r.signatures[0]!.revocation).toEqual({ status: 'good', source: 'crl' });
  });

  it('without fetchers nothing is fetched and the status stays unknown', async () => {
    const r = await validate(await signWithParaphe(pki, minimalPdf()), { trustAnchors: [pki.rootDer], at: AT });
    expect(r.signatures[0]!.revocation).toEqual({ status: 'unknown', source: null });
  });
});
