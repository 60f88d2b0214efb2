import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument, decodeStream } from '@paraphe/pdf';
import { createCertId, createOcspErrorResponse, createOcspResponse, parseCertificate } from '@paraphe/pki';
import type { RevocationSource } from '../../src/dss/revocation-source.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { SignError } from '../../src/sign/sign-error.js';
import { pdfsig, validCount } from './support/checks.js';
import { createFixture, type Fixture } from './support/fixture.js';
import { testSigner, type Party } from './support/test-pki.js';

let fx: Fixture;
let parties: Party[];
beforeAll(async () => {
  fx = await createFixture();
  parties = [fx.pki.root, fx.pki.ca];
});

/** Issuer-signed OCSP answers ("good") for any certificate the test PKI issued. */
function ocspSource(calls: string[]): RevocationSource {
  return {
    async ocsp(certificate, issuer) {
      calls.push(parseCertificate(certificate).subject);
      const issuerParty = parties.find((p) => Buffer.from(p.der).equals(Buffer.from(issuer)));
      if (!issuerParty) return undefined;
      return createOcspResponse({
        certIds: [createCertId(certificate, issuer)],
        responder: { certificate: issuerParty.der, signer: testSigner(issuerParty, []) },
        status: () => ({ status: 'good' }),
        producedAt: new Date('2026-12-03T15:00:10Z'),
        thisUpdate: new Date('2026-12-03T15:00:00Z'),
      });
    },
    extraCerts: [fx.pki.root.der],
  };
}

describe('B-LT with OCSP', () => {
  it('embeds one OCSP response per non-root certificate and no CRL', async () => {
    const calls: string[] = [];
    const out = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: ocspSource(calls) }));
    // signer, TSA and intermediate CA; never the root
    expect(calls.sort()).toEqual(
      [fx.pki.rsa, fx.pki.tsa, fx.pki.ca].map((p) => parseCertificate(p.der).subject).sort(),
    );
    const doc = PdfDocument.load(out);
    const dss = doc.resolve(doc.catalog().entries.get('DSS'));
    if (dss?.kind !== 'dict') throw new Error('no DSS');
    const ocsps = doc.resolve(dss.entries.get('OCSPs'));
    expect(ocsps?.kind === 'array' && ocsps.items.length).toBe(3);
    expect(dss.entries.has('CRLs')).toBe(false);
    const first = ocsps?.kind === 'array' ? doc.resolve(ocsps.items[0]) : undefined;
    expect(first?.kind === 'stream' && decodeStream(first, doc)[0]).toBe(0x30);
    expect(validCount(pdfsig(fx.dir, fx.nss, out))).toBe(1);
  });

  it('falls back to the CRL when the responder answers with an error status', async () => {
    const source: RevocationSource = {
      ocsp: async () => createOcspErrorResponse('tryLater'),
      crl: fx.revocation.crl?.bind(fx.revocation),
      extraCerts: [fx.pki.root.der],
    };
    const out = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: source }));
    const doc = PdfDocument.load(out);
    const dss = doc.resolve(doc.catalog().entries.get('DSS'));
    expect(dss?.kind === 'dict' && dss.entries.has('CRLs')).toBe(true);
    expect(dss?.kind === 'dict' && dss.entries.has('OCSPs')).toBe(false);
  });

  it('reports the responder status when nothing else is available', async () => {
    const source: RevocationSource = { ocsp: async () => createOcspErrorResponse('unauthorized'), extraCerts: [fx.pki.root.der] };
    const err = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: source })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignError);
    expect((err as SignError).code).toBe('SIGN_REVOCATION_UNAVAILABLE');
    expect((err as SignError).message).toContain('OCSP responder answered unauthorized');
  });
});
