import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument } from '@paraphe/pdf';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { opensslCmsPrint, opensslCmsVerify, opensslSignatureTimestampVerify, pdfsig, qpdfCheck, validCount } from './support/checks.js';
import { createFixture, type Fixture } from './support/fixture.js';
import { findSignatures } from './support/inspect.js';
import { testSigner } from './support/test-pki.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

describe('signPdf B-B / B-T', () => {
  for (const input of ['classic', 'objectStreams', 'linearized'] as const) {
    it(`signs a ${input} input at B-B: openssl, qpdf and pdfsig accept it`, async () => {
      const original = fx.inputs[input];
      const out = await signPdf(original, fx.rsaOptions({ reason: 'Approbation', location: 'Hôtel de ville' }));
      expect(Buffer.from(out.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
      const [sig] = findSignatures(out);
      expect(sig).toBeDefined();
      expect(sig!.byteRange[0]).toBe(0);
      expect(sig!.byteRange[2] + sig!.byteRange[3]).toBe(out.length);
      const cms = opensslCmsVerify(fx.dir, sig!);
      expect(cms.output).toContain('Verification successful');
      const q = qpdfCheck(fx.dir, out);
      expect(q.output).toContain('No syntax or stream encoding errors');
      expect(q.ok).toBe(true);
      const p = pdfsig(fx.dir, fx.nss, out);
      expect(p).toContain('ETSI.CAdES.detached');
      expect(validCount(p)).toBe(1);
    });
  }

  it('writes no signing-time and an ESS signing-certificate-v2', async () => {
    const out = await signPdf(fx.inputs.classic, fx.rsaOptions());
    const printed = opensslCmsPrint(fx.dir, findSignatures(out)[0]!.der);
    expect(printed).not.toContain('signingTime');
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
  });

  it('signs twice in turn (RSA then ECDSA); both stay valid and the first revision is untouched', async () => {
    const once = await signPdf(fx.inputs.objectStreams, fx.rsaOptions());
    const twice = await signPdf(once, fx.ecdsaOptions({ hash: 'SHA-384' }));
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    const sigs = findSignatures(twice);
    expect(sigs).toHaveLength(2);
    for (const s of sigs) expect(opensslCmsVerify(fx.dir, s).ok).toBe(true);
    expect(qpdfCheck(fx.dir, twice).ok).toBe(true);
    expect(validCount(pdfsig(fx.dir, fx.nss, twice))).toBe(2);
    const doc = PdfDocument.load(twice);
    const fields = doc.resolve(doc.catalog().entries.get('AcroForm'));
    expect(fields?.kind).toBe('dict');
  });

  it('signs with RSA-PSS and SHA-512', async () => {
    const signer = testSigner(fx.pki.rsa, [fx.pki.ca], { kind: 'rsa-pss', saltLength: 64 });
    const out = await signPdf(fx.inputs.classic, fx.rsaOptions({ hash: 'SHA-512', signer }));
    expect(opensslCmsVerify(fx.dir, findSignatures(out)[0]!).ok).toBe(true);
    expect(validCount(pdfsig(fx.dir, fx.nss, out))).toBe(1);
  });

  it('B-T: the signature timestamp covers the signature value and openssl ts verifies it', async () => {
    const before = fx.tsa.requests.length;
    const out = await signPdf(fx.inputs.classic, fx.ecdsaOptions({ level: 'B-T', timestamper: fx.tsa.timestamper }));
    expect(fx.tsa.requests.length).toBe(before + 1);
    const sig = findSignatures(out)[0]!;
    expect(opensslCmsVerify(fx.dir, sig).ok).toBe(true);
    const ts = opensslSignatureTimestampVerify(fx.dir, sig);
    expect(ts.output).toContain('Verification: OK');
    expect(opensslCmsPrint(fx.dir, sig.der)).toContain('id-smime-aa-timeStampToken');
    expect(validCount(pdfsig(fx.dir, fx.nss, out))).toBe(1);
  });

  it('writes the claimed signing time and texts into the signature dictionary', async () => {
    const out = await signPdf(fx.inputs.classic, fx.rsaOptions({ reason: 'Approbation', location: 'Hôtel de ville', name: 'Marie Tremblay' }));
    const text = Buffer.from(out).toString('latin1');
    expect(text).toContain("/M (D:20261203150000+00'00')");
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    const p = pdfsig(fx.dir, fx.nss, out);
    expect(p).toContain('Signer full Distinguished Name: C=CA,O=Ville de Test,CN=Marie Tremblay');
    expect(p).toContain('Signing Time: Dec 03 2026 15:00:00');
    expect(text).toContain('/Reason (Approbation)');
    // Non-ASCII text is written as UTF-16BE with a byte order mark.
    expect(text).toContain('/Location (\u00fe\u00ff\u0000H\u0000\u00f4');
  });
});
