/** Hostile structures end in PdfError quickly instead of exhausting memory or the stack. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, PdfDocument, PdfError, pdfDict, pdfName, pdfNumber, pdfStream } from '../src/index.js';
import { ObjectStream } from '../src/object-stream.js';
import { MINIMAL, classicPdf, concat } from './helpers/build-pdf.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof PdfError) return e.code;
    throw e;
  }
  return undefined;
};

describe('hostile structures', () => {
  it('rejects deeply nested objects with PDF_LIMIT', () => {
    const doc = PdfDocument.load(classicPdf({ ...MINIMAL, 4: '['.repeat(5000) + ']'.repeat(5000) }));
    expect(code(() => doc.getObject(4))).toBe('PDF_LIMIT');
    const shallow = PdfDocument.load(classicPdf({ ...MINIMAL, 4: '[[[1]]]' }), { limits: { maxDepth: 2 } });
    expect(code(() => shallow.getObject(4))).toBe('PDF_LIMIT');
  });
  it('rejects an xref stream whose /W makes empty rows', () => {
    const body = '<< /Type /XRef /Size 1000000000 /W [0 0 0] /Root 1 0 R /Length 0 >>\nstream\n\nendstream';
    const head = '%PDF-1.7\n';
    const obj = `1 0 obj\n${body}\nendobj\n`;
    const bytes = concat(head, obj, `startxref\n${head.length}\n%%EOF\n`);
    expect(code(() => PdfDocument.load(bytes, { strict: true }))).toBe('PDF_XREF');
  });
  it('rejects a huge xref subsection count', () => {
    const text = Buffer.from(classicPdf(MINIMAL)).toString('latin1').replace('xref\n0 4\n', 'xref\n0 4000000000\n');
    const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
    expect(code(() => PdfDocument.load(bytes, { strict: true }))).toBe('PDF_LIMIT');
  });
  it('bounds object streams by maxObjects', () => {
    const stm = pdfStream(pdfDict({ Type: pdfName('ObjStm'), N: pdfNumber(99_999_999), First: pdfNumber(4) }), new Uint8Array(8));
    const limits = { ...DEFAULT_LIMITS, maxObjects: 1000 };
    expect(code(() => ObjectStream.open(stm, { resolve: (o) => o }, limits, true, () => undefined))).toBe('PDF_LIMIT');
  });
  it('survives a page tree that loops and a /Kids that points up', () => {
    const doc = PdfDocument.load(
      classicPdf({
        1: '<< /Type /Catalog /Pages 2 0 R >>',
        2: '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 1 >>',
        3: '<< /Type /Page /Parent 2 0 R >>',
      }),
    );
    expect(doc.pages()).toHaveLength(1);
    expect(doc.warnings.join()).toMatch(/page tree cycle/);
  });
});
