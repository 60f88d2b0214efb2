import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, PdfError } from '../src/index.js';
import { recoverXref } from '../src/xref/recover.js';
import { MINIMAL, classicPdf, xrefStreamPdf } from './helpers/build-pdf.js';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const ctx = () => {
  const warnings: string[] = [];
  return { warnings, lenient: true, limits: DEFAULT_LIMITS, warn: (m: string) => warnings.push(m) };
};

describe('recoverXref', () => {
  it('finds every object header and keeps the last definition of a number', () => {
    const text = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj (old) endobj\n2 0 obj (new) endobj\n';
    const r = recoverXref(enc(text), ctx());
    expect([...r.entries.keys()].sort()).toEqual([0, 1, 2]);
    expect(r.entries.get(2)?.offset).toBe(text.lastIndexOf('2 0 obj'));
    expect(r.trailer.entries.get('Root')).toEqual({ kind: 'ref', num: 1, gen: 0 });
    expect(r.trailer.entries.get('Size')).toEqual({ kind: 'number', value: 3, isInt: true });
  });
  it('ignores `endobj` and words that merely end in obj', () => {
    const text = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n(text 3 0 xobj) 4 0 obj\n';
    const r = recoverXref(enc(text), ctx());
    expect(r.entries.has(3)).toBe(false);
    expect(r.entries.has(4)).toBe(true);
  });
  it('takes /Root, /Info and /ID from the last trailer naming a root', () => {
    const base = Buffer.from(classicPdf(MINIMAL, '/Info 3 0 R /ID [<01> <02>]')).toString('latin1');
    const r = recoverXref(enc(base.replace(/startxref[\s\S]*$/, '')), ctx());
    expect([...r.trailer.entries.keys()].sort()).toEqual(['ID', 'Info', 'Root', 'Size']);
  });
  it('expands object streams into compressed entries', () => {
    const bytes = xrefStreamPdf({ 1: '<< /Type /Catalog /Pages 2 0 R >>' }, { 2: '<< /Type /Pages /Kids [] /Count 0 >>', 3: '(c)' }, 4, 5);
    const r = recoverXref(bytes, ctx());
    expect(r.entries.get(3)).toEqual({ type: 'compressed', gen: 0, objStm: 4, index: 1 });
    expect(r.entries.get(1)?.type).toBe('offset');
  });
  it('fails with PDF_NO_TRAILER when there is no catalog at all', () => {
    expect(() => recoverXref(enc('%PDF-1.4\n1 0 obj (x) endobj\n'), ctx())).toThrow(
      expect.objectContaining({ code: 'PDF_NO_TRAILER' }) as PdfError,
    );
  });
});
