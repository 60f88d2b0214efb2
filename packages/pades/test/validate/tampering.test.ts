/**
 * Tampered variants of valid signed files are never TOTAL_PASSED, and the report names why:
 * byte flipped in the signed range, page content changed in an appended update, overlay
 * annotation on a certified (P=1) document, shadow xref pointing at hidden earlier bytes,
 * /ByteRange gap larger than /Contents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfArray, pdfDict, pdfName, pdfNumber, pdfStream, pdfString, withEntry, type PdfDict } from '@paraphe/pdf';
import { validate, type ValidationReport } from '../../src/index.js';
import { appendShadowXref, appendUpdate } from './support/append.js';
import { minimalPdf, minimalPdfWithShadow } from './support/minimal-pdf.js';
import { signWithParaphe, signWithPdfsig } from './support/signed-files.js';
import { createTestPki, type TestPki } from './support/test-pki.js';

const AT = new Date(Date.now() + 3_600_000);
let pki: TestPki;
let signed: Uint8Array;
beforeAll(async () => {
  pki = createTestPki();
  signed = await signWithParaphe(pki, minimalPdf());
});

async function check(bytes: Uint8Array): Promise<ValidationReport> {
  return validate(bytes, { trustAnchors: [pki.rootDer], at: AT });
}

function allReasons(r: ValidationReport): string {
  return r.signatures.flatMap((s) => [...s.reasons, ...s.changes]).join('\n');
}

describe('tampered signed documents', () => {
  it('the untampered file passes (control)', async () => {
    expect((await check(signed)).indication).toBe('TOTAL_PASSED');
  });

  it('a byte flipped inside the signed range: TOTAL_FAILED / HASH_FAILURE', async () => {
    const bytes = signed.slice();
    bytes[10] = bytes[10]! ^ 0x01; // inside the binary comment after the header
    const r = await check(bytes);
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.signatures[0]).toMatchObject({ subIndication: 'HASH_FAILURE', intact: false, cryptoValid: false });
    expect(allReasons(r)).toMatch(/message digest/);
  });

  it('an appended update changing the page content stream: TOTAL_FAILED, the change is named', async () => {
    const changed = appendUpdate(signed, (_doc, up) => {
      const text = 'BT /F1 24 Tf 72 720 Td (Montant : 1 000 000 EUR) Tj ET';
      up.set({ kind: 'ref', num: 4, gen: 0 }, pdfStream(pdfDict({ Length: pdfNumber(text.length) }), new Uint8Array(Buffer.from(text, 'latin1'))));
    });
    const r = await check(changed);
    expect(r.indication).toBe('TOTAL_FAILED');
    const s = r.signatures[0]!;
    expect(s).toMatchObject({ intact: true, cryptoValid: true, coverage: 'ENTIRE_REVISION', modification: 'OTHER', subIndication: 'FORMAT_FAILURE' });
    expect(s.changes.join('\n')).toMatch(/object 4\b|Contents/);
  });

  it('an overlay annotation added to a certified document with P=1: TOTAL_FAILED, the change is named', async () => {
    const certified = await signWithParaphe(pki, minimalPdf(), { certify: 1 });
    const overlaid = appendUpdate(certified, (doc, up) => {
      const page = doc.pages()[0]!;
      const annot = up.allocate();
      up.set(annot, pdfDict({
        Type: pdfName('Annot'), Subtype: pdfName('FreeText'), Rect: pdfArray([pdfNumber(60), pdfNumber(700), pdfNumber(560), pdfNumber(760)]),
        Contents: pdfString('Montant : 1 000 000 EUR'), DA: pdfString('/Helv 24 Tf 0 g'),
      }));
      const existing = doc.resolve(page.dict.entries.get('Annots'));
      const annots = existing?.kind === 'array' ? [...existing.items, annot] : [annot];
      up.set(page.ref, withEntry(page.dict as PdfDict, 'Annots', pdfArray(annots)));
    });
    const r = await check(overlaid);
    expect(r.indication).toBe('TOTAL_FAILED');
    const s = r.signatures[0]!;
    expect(s.modification).not.toBe('NONE');
    expect(s.changes.length).toBeGreaterThan(0);
  });

  it('removing /Perms to lift a P=1 certification, then adding an annotation: still TOTAL_FAILED', async () => {
    const certified = await signWithParaphe(pki, minimalPdf(), { certify: 1 });
    const escaped = appendUpdate(certified, (doc, up) => {
      const root = doc.trailer().entries.get('Root');
      if (root?.kind !== 'ref') throw new Error('no /Root reference');
      up.set(root, withEntry(doc.catalog(), 'Perms', undefined));
      const page = doc.pages()[0]!;
      const annot = up.allocate();
      up.set(annot, pdfDict({ Type: pdfName('Annot'), Subtype: pdfName('Text'), Rect: pdfArray([pdfNumber(10), pdfNumber(10), pdfNumber(30), pdfNumber(30)]), Contents: pdfString('Approuvé') }));
      const existing = doc.resolve(page.dict.entries.get('Annots'));
      up.set(page.ref, withEntry(page.dict as PdfDict, 'Annots', pdfArray(existing?.kind === 'array' ? [...existing.items, annot] : [annot])));
    });
    const r = await check(escaped);
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.signatures[0]!.changes.length).toBeGreaterThan(0);
  });

  it('a shadow update redefining the page content to point at hidden earlier bytes: not passed, named', async () => {
    const base = minimalPdfWithShadow('Contrat : 100 EUR', 'Contrat : 100 000 EUR');
    const signedShadow = await signWithParaphe(pki, base.bytes);
    expect((await check(signedShadow)).indication).toBe('TOTAL_PASSED');
    const attacked = appendShadowXref(signedShadow, 4, base.shadowOffset!);
    const r = await check(attacked);
    expect(r.indication).not.toBe('TOTAL_PASSED');
    const s = r.signatures[0]!;
    expect(s.modification).toBe('OTHER');
    expect(s.changes.join('\n')).toMatch(/object 4\b/);
  });

  it('a /ByteRange whose gap is larger than its /Contents: TOTAL_FAILED / FORMAT_FAILURE, named', async () => {
    const text = Buffer.from(signWithPdfsig(pki, minimalPdf())).toString('latin1');
    const m = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!;
    const [b, c, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // Widen the gap by 2 bytes on the left, keeping the array's length (pad with spaces).
    const wider = `/ByteRange [0 ${b - 2} ${c} ${d}`;
    const padded = `${wider}${' '.repeat(m[0].length - wider.length - 1)}]`;
    expect(padded.length).toBe(m[0].length);
    const bytes = new Uint8Array(Buffer.from(text.replace(m[0], padded), 'latin1'));
    const r = await check(bytes);
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.signatures[0]!.subIndication).toBe('FORMAT_FAILURE');
    expect(allReasons(r)).toMatch(/excluded by \/ByteRange/);
  });
});

describe('signatures removed after signing', () => {
  it('a later revision that drops the signature field: no signature left, and the removal is reported', async () => {
    const removed = appendUpdate(signed, (doc, up) => {
      const catalog = doc.catalog();
      const acro = catalog.entries.get('AcroForm');
      const acroDict = doc.resolve(acro) as PdfDict;
      const emptied = withEntry(acroDict, 'Fields', pdfArray([]));
      if (acro?.kind === 'ref') up.set(acro, emptied);
      else {
        const root = doc.trailer().entries.get('Root');
        if (root?.kind !== 'ref') throw new Error('no /Root reference');
        up.set(root, withEntry(catalog, 'AcroForm', emptied));
      }
    });
    const r = await check(removed);
    expect(r.indication).not.toBe('TOTAL_PASSED');
    expect(r.warnings.join('\n')).toMatch(/signature field "Signature1" .* is no longer in the document's form: a signature was removed/);
  });
});

describe('documents without a usable signature', () => {
  it('an unsigned PDF: INDETERMINATE with a "no signature" warning', async () => {
    const r = await check(minimalPdf());
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.signatures).toHaveLength(0);
    expect(r.warnings.some((w) => w.startsWith('no signature'))).toBe(true);
  });

  it('a trust anchor that is not a certificate: ValidationError VALIDATE_BAD_OPTIONS', async () => {
    await expect(validate(minimalPdf(), { trustAnchors: [new Uint8Array([1, 2, 3])] })).rejects.toMatchObject({ code: 'VALIDATE_BAD_OPTIONS' });
  });

  it('not a PDF: ValidationError VALIDATE_UNREADABLE', async () => {
    await expect(check(new Uint8Array(Buffer.from('hello, world')))).rejects.toMatchObject({ name: 'ValidationError', code: 'VALIDATE_UNREADABLE' });
  });
});
