/**
 * Seeded mutations of small valid files: whatever the damage, reading ends in a value or a
 * PdfError — never a TypeError, RangeError or hang.
 */
import { describe, expect, it } from 'vitest';
import { IncrementalUpdate, PdfDocument, PdfError, decodeStream } from '../src/index.js';
import { MINIMAL, appendHybrid, appendTable, classicPdf, lastStartxref, xrefStreamPdf } from './helpers/build-pdf.js';

function seeds(): Uint8Array[] {
  const classic = classicPdf({ ...MINIMAL, 4: '<< /Length 5 0 R /Filter /FlateDecode >>\nstream\nxx\nendstream', 5: '2', 6: '[(a) <0F> /N 1.5 true null]' });
  const updated = appendTable(classic, { 4: '(replaced)' }, lastStartxref(classic));
  const stream = xrefStreamPdf(
    { 1: '<< /Type /Catalog /Pages 2 0 R >>', 3: '<< /Type /Page /Parent 2 0 R >>' },
    { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 4: '<< /A [1 2 3] >>' },
    5,
    6,
  );
  return [classic, updated, stream, appendHybrid(classic, 7, '(hidden)', 8, 9)];
}

function touchEverything(bytes: Uint8Array): void {
  const guard = (f: () => unknown): void => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
    }
  };
  let doc: PdfDocument;
  try {
    doc = PdfDocument.load(bytes, { limits: { maxOutputBytes: 1 << 20 } });
  } catch (e) {
    if (e instanceof PdfError) return;
    throw e;
  }
  for (let r = 0; r < doc.revisions.length; r++) {
    for (const n of doc.objectNumbers(r)) {
      guard(() => {
        const o = doc.getObject(n, r);
        if (o?.kind === 'stream') decodeStream(o, doc, doc.limits);
      });
    }
    guard(() => doc.pages(r));
  }
  guard(() => doc.encryption());
  guard(() => new IncrementalUpdate(doc).build());
}

describe('mutated files', () => {
  it('only ever fail with PdfError', () => {
    let state = 20261203;
    const rnd = (n: number): number => (state = (state * 1103515245 + 12345) % 2147483648) % n;
    const base = seeds();
    const alphabet = '0123456789 <>[]()/R\nobjendstreamxref';
    let loaded = 0;
    for (let i = 0; i < 600; i++) {
      const b = new Uint8Array(base[i % base.length]!);
      for (let k = 1 + rnd(6); k > 0; k--) {
        const p = rnd(b.length);
        const op = rnd(3);
        if (op === 0) b[p] = rnd(256);
        else if (op === 1) b[p] = alphabet.charCodeAt(rnd(alphabet.length));
        else b.copyWithin(p, rnd(b.length), rnd(b.length));
      }
      expect(() => touchEverything(b), `mutant ${i}`).not.toThrow();
      loaded++;
    }
    expect(loaded).toBe(600);
  });
});
