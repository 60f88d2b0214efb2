/**
 * Files whose /Prev chain is broken: lenient loading rebuilds the revisions from the file's own
 * `startxref … %%EOF` markers (as viewers and EU DSS do) instead of scanning for objects.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfDocument, PdfError } from '../src/index.js';
import { MINIMAL, appendTable, classicPdf, lastStartxref } from './helpers/build-pdf.js';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof PdfError) return e.code;
    throw e;
  }
  return undefined;
};

/** Three revisions, each changing object 4. */
function threeRevisions(): Uint8Array {
  const r0 = classicPdf({ ...MINIMAL, 4: '(zero)' });
  const r1 = appendTable(r0, { 4: '(one)' }, lastStartxref(r0));
  return appendTable(r1, { 4: '(two)' }, lastStartxref(r1));
}

const str = (doc: PdfDocument, rev: number): string | undefined => {
  const o = doc.getObject(4, rev);
  return o?.kind === 'string' ? Buffer.from(o.bytes).toString('latin1') : undefined;
};

describe('a broken /Prev chain', () => {
  it.each([
    // Same length as the original value, so every offset stays right.
    ['/Prev 0', (t: string, prev: number) => t.replace(new RegExp(`/Prev ${prev} >>(?![\\s\\S]*/Prev)`), `/Prev ${'0'.padEnd(String(prev).length)} >>`)],
    ['/Prev past the end', (t: string, prev: number) => t.replace(new RegExp(`/Prev ${prev} >>(?![\\s\\S]*/Prev)`), `/Prev ${'9'.repeat(String(prev).length)} >>`)],
  ])('%s in the last trailer: revisions come from the startxref markers, not recovered', (_label, breakIt) => {
    const good = threeRevisions();
    const middle = PdfDocument.load(good).revisions[1]!.xrefOffset;
    const bytes = enc(breakIt(text(good), middle));
    expect(text(bytes)).not.toBe(text(good));
    const doc = PdfDocument.load(bytes);
    expect(doc.recovered).toBe(false);
    expect(doc.revisions.map((r) => r.xrefOffset)).toEqual(PdfDocument.load(good).revisions.map((r) => r.xrefOffset));
    expect(doc.revisions.map((r) => r.endOffset)).toEqual(PdfDocument.load(good).revisions.map((r) => r.endOffset));
    expect([0, 1, 2].map((r) => str(doc, r))).toEqual(['zero', 'one', 'two']);
    expect(doc.warnings.join('\n')).toMatch(/rebuilt from the startxref markers/);
    expect(code(() => PdfDocument.load(bytes, { strict: true }))).toBe('PDF_XREF');
  });

  it('uses the table just before a marker whose startxref leads nowhere, with its offsets moved back by the same amount', () => {
    const r0 = classicPdf({ ...MINIMAL, 4: '(zero)' });
    // Revision 1 was written for a file 100 bytes longer: every offset it names is 100 too far.
    const r1 = text(appendTable(r0, { 4: '(one)', 5: '(five)' }, lastStartxref(r0)));
    const tail = r1.slice(r0.length).replace(/(\d{10}) 00000 n/g, (_m, o: string) => `${String(Number(o) + 100).padStart(10, '0')} 00000 n`);
    const shiftedAt = lastStartxref(enc(r1));
    const r1bad = text(r0) + tail.replace(/startxref\n\d+/, `startxref\n${shiftedAt + 100}`);
    const bytes = appendTable(enc(r1bad), { 4: '(two)' }, 0);
    const doc = PdfDocument.load(bytes);
    expect(doc.recovered).toBe(false);
    expect(doc.revisions).toHaveLength(3);
    expect(doc.revisions[1]!.xrefOffset).toBe(shiftedAt + 100);
    expect([0, 1, 2].map((r) => str(doc, r))).toEqual(['zero', 'one', 'two']);
    expect(doc.getObject(5)).toEqual({ kind: 'string', bytes: enc('five'), hex: false });
    expect(doc.warnings.join('\n')).toMatch(/offsets moved by -100 bytes/);
  });

  it('a file without any startxref is rebuilt by scanning: recovered, with a warning', () => {
    const t = text(classicPdf({ ...MINIMAL, 4: '(x)' }));
    const bytes = enc(t.replace(/startxref\n\d+\n%%EOF\n$/, ''));
    expect(text(bytes)).not.toMatch(/startxref/);
    const doc = PdfDocument.load(bytes);
    expect(doc.startxref).toBeUndefined();
    expect(doc.recovered).toBe(true);
    expect(doc.warnings.join('\n')).toMatch(/no startxref found.*rebuilding by scanning/);
    expect(doc.objectNumbers()).toEqual([1, 2, 3, 4]);
    expect(code(() => PdfDocument.load(bytes, { strict: true }))).toBe('PDF_XREF');
  });
});

describe('EU DSS pades-5-signatures-and-1-document-timestamp.pdf (/Prev 0 and a shifted update)', () => {
  const file = join(import.meta.dirname, '../../../../shared/corpus/dss/pades-5-signatures-and-1-document-timestamp.pdf');
  it('has the revisions its signatures end on', () => {
    expect(existsSync(file), `corpus file missing: ${file}`).toBe(true);
    const doc = PdfDocument.load(new Uint8Array(readFileSync(file)));
    expect(doc.recovered).toBe(false);
    expect(doc.revisions).toHaveLength(8);
    // ByteRange ends of the five signatures and the document timestamp (manifest.json).
    const ends = doc.revisions.map((r) => r.endOffset);
    for (const end of [124517 + 723, 158862 + 626, 193137 + 642, 227456 + 644, 261806 + 601, 335044 + 512]) expect(ends).toContain(end);
    for (let r = 0; r < doc.revisions.length; r++) expect(doc.catalog(r).entries.get('Type')).toEqual({ kind: 'name', value: 'Catalog' });
    expect(doc.warnings.join('\n')).toMatch(/\/Prev 0 .*rebuilt from the startxref markers/);
  });
});
