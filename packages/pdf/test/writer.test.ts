import { describe, expect, it } from 'vitest';
import {
  IncrementalUpdate,
  PdfDocument,
  PdfError,
  pdfDict,
  pdfName,
  pdfNumber,
  pdfStream,
  pdfString,
  serializeObject,
  withEntry,
} from '../src/index.js';
import { MINIMAL, appendHybrid, appendTable, classicPdf, concat, lastStartxref, xrefStreamPdf } from './helpers/build-pdf.js';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const txt = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

/** Adds one new object referenced from the catalog; returns the new file and the new object's number. */
function update(doc: PdfDocument): { out: Uint8Array; num: number; built: ReturnType<IncrementalUpdate['build']> } {
  const up = new IncrementalUpdate(doc);
  const ref = up.allocate();
  up.set(ref, pdfDict({ Type: pdfName('Sig'), Contents: pdfString(new Uint8Array(8), true) }));
  const rootRef = doc.trailer().entries.get('Root');
  if (rootRef?.kind !== 'ref') throw new Error('root ref expected');
  up.set(rootRef, withEntry(doc.catalog(), 'Extra', ref));
  const built = up.build();
  return { out: concat(doc.bytes, built.tail), num: ref.num, built };
}

/** Every object of every revision of `before` reads the same in `after`. */
function expectRevisionsUnchanged(before: PdfDocument, after: PdfDocument): void {
  expect(after.revisions.length).toBe(before.revisions.length + 1);
  for (const r of before.revisions) {
    expect(after.revisions[r.index]).toMatchObject({ xrefOffset: r.xrefOffset, startOffset: r.startOffset, endOffset: r.endOffset });
    for (const n of before.objectNumbers(r.index)) {
      const a = before.getObject(n, r.index);
      const b = after.getObject(n, r.index);
      expect(b && txt(serializeObject(b))).toBe(a && txt(serializeObject(a)));
    }
  }
}

describe('IncrementalUpdate', () => {
  it('appends a classic table after a classic file, with offsets, /Prev, /Size and /ID', () => {
    const base = classicPdf(MINIMAL, '/ID [<0102> <0102>]');
    const doc = PdfDocument.load(base);
    const { out, num, built } = update(doc);
    expect(num).toBe(4);
    expect(txt(out.subarray(0, base.length))).toBe(txt(base));
    for (const [n, off] of built.offsets) expect(txt(out.subarray(off, off + 8))).toBe(`${n} 0 obj\n`);
    const after = PdfDocument.load(out, { strict: true });
    expect(after.revisions[1]).toMatchObject({ xrefKind: 'table', xrefOffset: built.xrefOffset, startOffset: base.length, endOffset: out.length });
    const t = after.trailer();
    expect(t.entries.get('Prev')).toEqual(pdfNumber(lastStartxref(base)));
    expect(t.entries.get('Size')).toEqual(pdfNumber(5));
    const id = t.entries.get('ID');
    expect(id?.kind === 'array' && id.items[0]?.kind === 'string' && [...id.items[0].bytes]).toEqual([1, 2]);
    expect(after.getObject(4)).toBeDefined();
    expect(after.warnings).toEqual([]);
    expectRevisionsUnchanged(doc, after);
  });

  it('appends an xref stream after an xref stream, with its own entry', () => {
    const base = xrefStreamPdf(
      { 1: '<< /Type /Catalog /Pages 2 0 R >>', 3: '<< /Type /Page /Parent 2 0 R >>' },
      { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      4,
      5,
    );
    const doc = PdfDocument.load(base);
    const { out, num, built } = update(doc);
    expect(num).toBe(6);
    const after = PdfDocument.load(out, { strict: true });
    const rev = after.revisions[1]!;
    expect(rev.xrefKind).toBe('stream');
    expect(after.locate(7)).toEqual({ type: 'offset', gen: 0, offset: built.xrefOffset });
    expect(rev.trailer.entries.get('Size')).toEqual(pdfNumber(8));
    expect(rev.trailer.entries.get('Type')).toEqual(pdfName('XRef'));
    expectRevisionsUnchanged(doc, after);
  });

  it('repeats every trailer entry of the previous section except /Prev and the section-specific ones', () => {
    const base = classicPdf(MINIMAL, '/ID [<0102> <0102>] /DocChecksum /0A1B /AdditionalStreams [] ');
    const doc = PdfDocument.load(base);
    const after = PdfDocument.load(update(doc).out, { strict: true });
    const t = after.trailer();
    expect(t.entries.get('DocChecksum')).toEqual(pdfName('0A1B'));
    expect(t.entries.get('AdditionalStreams')?.kind).toBe('array');
    expect(t.entries.get('Root')).toEqual(doc.trailer().entries.get('Root'));

    const xs = xrefStreamPdf(
      { 1: '<< /Type /Catalog /Pages 2 0 R >>', 3: '<< /Type /Page /Parent 2 0 R >>' },
      { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      4,
      5,
    );
    const afterXs = PdfDocument.load(update(PdfDocument.load(xs)).out, { strict: true });
    const rev = afterXs.revisions[1]!;
    expect(rev.trailer.entries.get('Type')).toEqual(pdfName('XRef'));
    expect(rev.trailer.entries.get('Prev')).toEqual(pdfNumber(afterXs.revisions[0]!.xrefOffset));
    expect(rev.trailer.entries.get('Size')).toEqual(pdfNumber(8));
  });

  it('appends a classic table after a hybrid section', () => {
    const base = appendHybrid(classicPdf(MINIMAL), 4, '(hidden)', 5, 6);
    const doc = PdfDocument.load(base, { strict: true });
    expect(doc.revisions[1]!.xrefKind).toBe('hybrid');
    const { out, num } = update(doc);
    expect(num).toBe(7);
    const after = PdfDocument.load(out, { strict: true });
    expect(after.revisions.map((r) => r.xrefKind)).toEqual(['table', 'hybrid', 'table']);
    expect(after.getObject(4)?.kind).toBe('string');
    expectRevisionsUnchanged(doc, after);
  });

  it('allocates above /Size and above every object number of every revision', () => {
    const base = classicPdf(MINIMAL, '');
    const big = appendTable(base, { 9: '(nine)' }, lastStartxref(base));
    const text = txt(big).replace(/\/Size 10/, '/Size 4');
    const doc = PdfDocument.load(enc(text));
    const up = new IncrementalUpdate(doc);
    expect(up.allocate().num).toBe(10);
    expect(up.allocate().num).toBe(11);
  });

  it('writes a full table without /Prev when the file needed recovery', () => {
    const text = txt(classicPdf({ ...MINIMAL, 4: '(x)' })).replace(/startxref\n\d+/, 'startxref\n12345678');
    const doc = PdfDocument.load(enc(text));
    expect(doc.recovered).toBe(true);
    const { out } = update(doc);
    const after = PdfDocument.load(out, { strict: true });
    expect(after.recovered).toBe(false);
    expect(after.revisions).toHaveLength(1); // the broken original section is not reachable by /Prev
    expect(after.trailer().entries.has('Prev')).toBe(false);
    expect(after.objectNumbers()).toEqual([1, 2, 3, 4, 5]);
    expect(after.pages()).toHaveLength(1);
  });

  it('writes a full xref stream after recovering a file with object streams', () => {
    const base = xrefStreamPdf(
      { 1: '<< /Type /Catalog /Pages 2 0 R >>', 3: '<< /Type /Page /Parent 2 0 R >>' },
      { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 4: '(compressed)' },
      5,
      6,
    );
    const broken = enc(txt(base).replace(/startxref\n\d+/, 'startxref\n3'));
    const doc = PdfDocument.load(broken);
    expect(doc.recovered).toBe(true);
    expect(doc.locate(4)?.type).toBe('compressed');
    const { out } = update(doc);
    const after = PdfDocument.load(out, { strict: true });
    expect(after.revisions.map((r) => r.xrefKind)).toEqual(['stream']);
    expect(after.locate(4)).toEqual({ type: 'compressed', gen: 0, objStm: 5, index: 1 });
    expect(after.getObject(4)?.kind).toBe('string');
    expect(after.pages()).toHaveLength(1);
  });

  it('writes streams with their length and keeps replaced objects readable in earlier revisions', () => {
    const doc = PdfDocument.load(classicPdf({ ...MINIMAL, 4: '<< /Length 3 >>\nstream\nold\nendstream' }));
    const up = new IncrementalUpdate(doc);
    up.set({ kind: 'ref', num: 4, gen: 0 }, pdfStream(pdfDict({ Length: pdfNumber(0) }), enc('new data')));
    const after = PdfDocument.load(concat(doc.bytes, up.build().tail), { strict: true });
    const now = after.getObject(4);
    const before = after.getObject(4, 0);
    expect(now?.kind === 'stream' && txt(now.raw)).toBe('new data');
    expect(before?.kind === 'stream' && txt(before.raw)).toBe('old');
    expect(after.warnings).toEqual([]);
  });

  it('refuses to write into an encrypted document', () => {
    const doc = PdfDocument.load(classicPdf({ ...MINIMAL, 4: '<< /Filter /Standard /V 1 /R 2 >>' }, '/Encrypt 4 0 R'));
    expect(() => new IncrementalUpdate(doc)).toThrow(expect.objectContaining({ code: 'PDF_WRITE' }) as PdfError);
  });
});
