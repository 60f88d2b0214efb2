import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IncrementalUpdate, PdfDocument, pdfDict, pdfName, withEntry } from '@paraphe/pdf';
import { addDocumentTimestamp } from '../../src/sign/add-document-timestamp.js';
import { SignError } from '../../src/sign/sign-error.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { signPdfFile } from '../../src/sign/sign-pdf-file.js';
import { opensslCmsVerify, pdfsig, qpdfCheck, validCount } from './support/checks.js';
import { breakStartxref, withEmptySignatureField } from './support/empty-field.js';
import { createFixture, type Fixture } from './support/fixture.js';
import { findSignatures } from './support/inspect.js';
import { createTestTsa } from './support/test-tsa.js';
import { tempDir } from './support/tools.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SignError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('fields and appearance', () => {
  it('draws a visible signature on the requested page, in its /Annots and /AcroForm', async () => {
    const out = await signPdf(fx.inputs.objectStreams, fx.rsaOptions({
      visible: { page: 2, x: 72, y: 72, width: 220, height: 70 },
      reason: 'Adoption du règlement', levelOfAssurance: 'Signature avancée',
    }));
    const doc = PdfDocument.load(out);
    const page2 = doc.pages()[1]!;
    const annots = doc.resolve(page2.dict.entries.get('Annots'));
    expect(annots?.kind).toBe('array');
    const widget = annots?.kind === 'array' ? doc.resolve(annots.items[0]) : undefined;
    expect(widget?.kind).toBe('dict');
    if (widget?.kind !== 'dict') return;
    const rect = widget.entries.get('Rect');
    expect(rect?.kind === 'array' && rect.items.map((i) => (i.kind === 'number' ? i.value : NaN))).toEqual([72, 72, 292, 142]);
    const ap = doc.resolve(widget.entries.get('AP'));
    const n = ap?.kind === 'dict' ? doc.resolve(ap.entries.get('N')) : undefined;
    expect(n?.kind === 'stream' && n.dict.entries.get('Subtype')).toEqual({ kind: 'name', value: 'Form' });
    expect(qpdfCheck(fx.dir, out).ok).toBe(true);
    expect(validCount(pdfsig(fx.dir, fx.nss, out))).toBe(1);
  });

  it('signs an existing empty signature field by name and gives it an appearance', async () => {
    const form = withEmptySignatureField(fx.inputs.classic, 'Approbation');
    const out = await signPdf(form, fx.rsaOptions({ field: 'Approbation' }));
    const p = pdfsig(fx.dir, fx.nss, out);
    expect(p).toContain('Signature Field Name: Approbation');
    expect(validCount(p)).toBe(1);
    const doc = PdfDocument.load(out);
    const acro = doc.resolve(doc.catalog().entries.get('AcroForm'));
    const fields = acro?.kind === 'dict' ? doc.resolve(acro.entries.get('Fields')) : undefined;
    expect(fields?.kind === 'array' && fields.items.length).toBe(1); // filled, not duplicated
    expect(await codeOf(signPdf(out, fx.ecdsaOptions({ field: 'Approbation' })))).toBe('SIGN_FIELD_ALREADY_SIGNED');
  });

  it('gives new fields unique names', async () => {
    const once = await signPdf(fx.inputs.classic, fx.rsaOptions());
    const twice = await signPdf(once, fx.ecdsaOptions());
    const p = pdfsig(fx.dir, fx.nss, twice);
    expect(p).toContain('Signature Field Name: Signature1');
    expect(p).toContain('Signature Field Name: Signature2');
  });
});

describe('certification (DocMDP)', () => {
  it('P=2 allows a later approval signature; both stay valid', async () => {
    const certified = await signPdf(fx.inputs.classic, fx.rsaOptions({ certify: 2 }));
    const text = Buffer.from(certified).toString('latin1');
    expect(text).toMatch(/\/TransformMethod \/DocMDP/);
    expect(text).toMatch(/\/Perms <<\s*\/DocMDP \d+ 0 R/);
    const approved = await signPdf(certified, fx.ecdsaOptions());
    expect(validCount(pdfsig(fx.dir, fx.nss, approved))).toBe(2);
  });

  it('P=1 refuses further signatures but accepts a document timestamp', async () => {
    const locked = await signPdf(fx.inputs.classic, fx.rsaOptions({ certify: 1 }));
    expect(await codeOf(signPdf(locked, fx.ecdsaOptions()))).toBe('SIGN_DOCMDP_LOCKED');
    const stamped = await addDocumentTimestamp(locked, { timestamper: fx.tsa.timestamper });
    expect(findSignatures(stamped)).toHaveLength(2);
  });

  it('keeps other /Perms entries when certifying', async () => {
    const doc = PdfDocument.load(fx.inputs.classic);
    const update = new IncrementalUpdate(doc);
    const root = doc.trailer().entries.get('Root');
    if (root?.kind !== 'ref') throw new Error('no root');
    update.set(root, withEntry(doc.catalog(), 'Perms', pdfDict({ UR3: pdfDict({ Type: pdfName('Sig') }) })));
    const withPerms = new Uint8Array(Buffer.concat([fx.inputs.classic, update.build().tail]));
    const certified = PdfDocument.load(await signPdf(withPerms, fx.rsaOptions({ certify: 3 })));
    const perms = certified.resolve(certified.catalog().entries.get('Perms'));
    expect(perms?.kind === 'dict' && [...perms.entries.keys()].sort()).toEqual(['DocMDP', 'UR3']);
  });

  it('refuses to certify a document that is already signed', async () => {
    const signed = await signPdf(fx.inputs.classic, fx.rsaOptions());
    expect(await codeOf(signPdf(signed, fx.ecdsaOptions({ certify: 2 })))).toBe('SIGN_CERTIFY_NOT_FIRST');
  });
});

describe('refusals with a code', () => {
  it('encrypted input → SIGN_ENCRYPTED', async () => {
    expect(await codeOf(signPdf(fx.inputs.encrypted, fx.rsaOptions()))).toBe('SIGN_ENCRYPTED');
  });

  it('not a PDF → SIGN_NOT_PDF', async () => {
    expect(await codeOf(signPdf(new TextEncoder().encode('hello, world'), fx.rsaOptions()))).toBe('SIGN_NOT_PDF');
  });

  it('a damaged signed file → SIGN_WOULD_BREAK_SIGNATURES; a damaged unsigned one is still signed', async () => {
    const signed = await signPdf(fx.inputs.classic, fx.rsaOptions());
    expect(await codeOf(signPdf(breakStartxref(signed), fx.ecdsaOptions()))).toBe('SIGN_WOULD_BREAK_SIGNATURES');
    const out = await signPdf(breakStartxref(fx.inputs.classic), fx.rsaOptions());
    expect(opensslCmsVerify(fx.dir, findSignatures(out)[0]!).ok).toBe(true);
    expect(validCount(pdfsig(fx.dir, fx.nss, out))).toBe(1);
  });

  it('damaged page or form trees → SIGN_MALFORMED; lazily found syntax damage → SIGN_NOT_PDF (public corpus)', async () => {
    const corpus = (name: string) => readFileSync(new URL(`../../../../../shared/corpus/${name}`, import.meta.url));
    expect(await codeOf(signPdf(corpus('pyhanko/pdf/circular-page-tree.pdf'), fx.rsaOptions()))).toBe('SIGN_MALFORMED');
    expect(await codeOf(signPdf(corpus('qpdf/misc/pages-loop.pdf'), fx.rsaOptions()))).toBe('SIGN_MALFORMED');
    expect(await codeOf(signPdf(corpus('pyhanko/pdf/form-tree-circular-ref-input.pdf'), fx.rsaOptions()))).toBe('SIGN_MALFORMED');
    expect(await codeOf(signPdf(corpus('pdfjs/poppler-742-0-fuzzed.pdf'), fx.rsaOptions()))).toBe('SIGN_NOT_PDF');
    // a field listed twice in /Fields is not a cycle: still signed
    expect(findSignatures(await signPdf(corpus('pyhanko/pdf/minimal-two-fields.pdf'), fx.rsaOptions()))).toHaveLength(1);
  });

  it('B-T without timestamper and B-LT without revocation → SIGN_BAD_OPTIONS', async () => {
    expect(await codeOf(signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-T' })))).toBe('SIGN_BAD_OPTIONS');
    expect(await codeOf(signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper })))).toBe('SIGN_BAD_OPTIONS');
    expect(await codeOf(signPdf(fx.inputs.classic, fx.rsaOptions({ visible: { page: 9, x: 0, y: 0, width: 10, height: 10 } })))).toBe('SIGN_BAD_OPTIONS');
    expect(await codeOf(signPdf(fx.inputs.classic, fx.rsaOptions({ field: 'Section.Signature' })))).toBe('SIGN_BAD_OPTIONS');
  });

  it('a failing or confused TSA → SIGN_TSA_FAILED', async () => {
    const down = async () => {
      throw new Error('connection refused');
    };
    expect(await codeOf(signPdf(fx.inputs.classic, fx.rsaOptions({ timestamper: down })))).toBe('SIGN_TSA_FAILED');
    const confused = async (imprint: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512') =>
      fx.tsa.timestamper(imprint.map((b) => b ^ 0xff), hash);
    expect(await codeOf(signPdf(fx.inputs.classic, fx.rsaOptions({ timestamper: confused })))).toBe('SIGN_TSA_FAILED');
  });

  it('no revocation data → SIGN_REVOCATION_UNAVAILABLE, naming the certificate', async () => {
    const err = await signPdf(fx.inputs.classic, fx.rsaOptions({
      level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: { crl: async () => undefined, extraCerts: [fx.pki.root.der] },
    })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignError);
    expect((err as SignError).code).toBe('SIGN_REVOCATION_UNAVAILABLE');
    expect((err as SignError).message).toContain('CN=');
  });
});

describe('placeholder sizing', () => {
  it('retries with a larger /Contents when the timestamp token is bigger than estimated', async () => {
    const fillers = await fx.pki.fillers(40);
    const tsa = createTestTsa(fx.pki.tsa, [fx.pki.ca], () => new Date('2026-12-03T15:00:05Z'), fillers);
    const out = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-T', timestamper: tsa.timestamper }));
    expect(tsa.requests).toHaveLength(2); // the first CMS did not fit: signed again with a larger placeholder
    const sig = findSignatures(out)[0]!;
    expect(sig.der.length).toBeGreaterThan(16_000);
    expect(opensslCmsVerify(fx.dir, sig).ok).toBe(true);
    expect(validCount(pdfsig(fx.dir, fx.nss, out))).toBe(1);
  });
});

describe('signPdfFile', () => {
  it('writes the same bytes as signPdf, atomically, leaving no temporary file', async () => {
    const dir = tempDir();
    const inPath = join(dir, 'in.pdf');
    const outPath = join(dir, 'out.pdf');
    writeFileSync(inPath, fx.inputs.objectStreams);
    // B-B with RSA PKCS#1 v1.5 and a pinned clock is deterministic, so the two paths must agree byte for byte.
    await signPdfFile(inPath, outPath, fx.rsaOptions());
    const expected = await signPdf(fx.inputs.objectStreams, fx.rsaOptions());
    expect(Buffer.from(readFileSync(outPath)).equals(Buffer.from(expected))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.pdf', 'out.pdf']);
  });

  it('leaves an existing OUT untouched when signing fails', async () => {
    const dir = tempDir();
    const inPath = join(dir, 'in.pdf');
    const outPath = join(dir, 'out.pdf');
    writeFileSync(inPath, fx.inputs.encrypted);
    writeFileSync(outPath, 'previous');
    expect(await codeOf(signPdfFile(inPath, outPath, fx.rsaOptions()))).toBe('SIGN_ENCRYPTED');
    expect(readFileSync(outPath, 'utf8')).toBe('previous');
    expect(existsSync(join(dir, 'in.pdf'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.pdf', 'out.pdf']);
  });

  it('B-LTA to a file', async () => {
    const dir = tempDir();
    const inPath = join(dir, 'in.pdf');
    const outPath = join(dir, 'out.pdf');
    writeFileSync(inPath, fx.inputs.classic);
    await signPdfFile(inPath, outPath, fx.ecdsaOptions({ level: 'B-LTA', timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const out = readFileSync(outPath);
    expect(findSignatures(out)).toHaveLength(2);
    expect(qpdfCheck(fx.dir, out).ok).toBe(true);
  });
});
