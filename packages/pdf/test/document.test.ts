import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfDocument, PdfError, type PdfObject } from '../src/index.js';
import { MINIMAL, appendTable, classicPdf, concat, lastStartxref, xrefRows, xrefStreamPdf } from './helpers/build-pdf.js';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const num = (o: PdfObject | undefined): number | undefined => (o?.kind === 'number' ? o.value : undefined);
const dictGet = (o: PdfObject | undefined, k: string): PdfObject | undefined => (o?.kind === 'dict' ? o.entries.get(k) : undefined);
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof PdfError) return e.code;
    throw e;
  }
  return undefined;
};

describe('single revision, classic xref', () => {
  const bytes = classicPdf({ ...MINIMAL, 4: '<< /N 42 /S (text) >>' });
  const doc = PdfDocument.load(bytes, { strict: true });
  it('exposes one revision covering the file', () => {
    expect(doc.version).toBe('1.7');
    expect(doc.recovered).toBe(false);
    expect(doc.revisions).toHaveLength(1);
    const r = doc.revisions[0]!;
    expect(r).toMatchObject({ index: 0, xrefKind: 'table', startOffset: 0, endOffset: bytes.length, xrefOffset: lastStartxref(bytes) });
    expect([...r.entries.keys()]).toEqual([0, 1, 2, 3, 4]);
    expect(doc.warnings).toEqual([]);
  });
  it('parses objects lazily and caches them', () => {
    expect(num(dictGet(doc.getObject(4), 'N'))).toBe(42);
    expect(doc.getObject(4)).toBe(doc.getObject(4));
    expect(doc.getObject(99)).toBeUndefined();
    expect(doc.objectNumbers()).toEqual([1, 2, 3, 4]);
  });
  it('walks pages and resolves the catalog', () => {
    expect(dictGet(doc.catalog(), 'Type')).toEqual({ kind: 'name', value: 'Catalog' });
    const pages = doc.pages();
    expect(pages.map((p) => p.ref)).toEqual([{ kind: 'ref', num: 3, gen: 0 }]);
  });
  it('locates objects by offset', () => {
    const at = doc.locate(4)!;
    expect(at.type).toBe('offset');
    expect(Buffer.from(bytes.subarray(at.offset!, at.offset! + 7)).toString()).toBe('4 0 obj');
  });
});

describe('input views', () => {
  it('reads a Uint8Array that is a window into a larger buffer', () => {
    const file = classicPdf(MINIMAL);
    const big = new Uint8Array(file.length + 100);
    big.set(file, 37);
    const view = big.subarray(37, 37 + file.length);
    const doc = PdfDocument.load(view, { strict: true });
    expect(doc.pages()).toHaveLength(1);
    expect(doc.revisions[0]!.endOffset).toBe(file.length);
    const broken = new Uint8Array(big.length);
    broken.set(Buffer.from(Buffer.from(file).toString('latin1').replace(/startxref\n\d+/, 'startxref\n1')), 37);
    expect(PdfDocument.load(broken.subarray(37, 37 + file.length)).pages()).toHaveLength(1);
  });
});

describe('incremental updates and the revision model', () => {
  const v0 = classicPdf({ ...MINIMAL, 4: '(original)', 5: '(to be deleted)' });
  const x0 = lastStartxref(v0);
  // Revision 1 replaces 4 and frees 5 (a free entry written by hand), revision 2 adds 6.
  const objs1 = appendTable(v0, { 4: '(changed)' }, x0);
  const x1 = lastStartxref(objs1);
  const withFree = enc(
    Buffer.from(objs1).toString('latin1').replace(/xref\n4 1\n(\d{10} 00000 n\r\n)/, (_m, e) => `xref\n4 2\n${e}0000000000 00001 f\r\n`),
  );
  const v2 = appendTable(withFree, { 6: '<< /New true >>' }, x1);
  const doc = PdfDocument.load(v2, { strict: true });

  it('lists revisions oldest first with contiguous byte ranges', () => {
    expect(doc.revisions.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(doc.revisions.map((r) => r.xrefOffset)).toEqual([x0, x1, lastStartxref(v2)]);
    expect(doc.revisions[0]!.endOffset).toBe(v0.length);
    expect(doc.revisions[1]!.startOffset).toBe(v0.length);
    expect(doc.revisions[1]!.endOffset).toBe(withFree.length);
    expect(doc.revisions[2]!.endOffset).toBe(v2.length);
    expect([...doc.revisions[1]!.entries.keys()]).toEqual([4, 5]);
  });
  it('shows each object as each revision sees it', () => {
    const s = (o: PdfObject | undefined): string | undefined => (o?.kind === 'string' ? Buffer.from(o.bytes).toString() : undefined);
    expect(s(doc.getObject(4, 0))).toBe('original');
    expect(s(doc.getObject(4, 1))).toBe('changed');
    expect(s(doc.getObject(4))).toBe('changed');
    expect(s(doc.getObject(5, 0))).toBe('to be deleted');
    expect(doc.getObject(5, 1)).toBeUndefined();
    expect(doc.getObject(6, 1)).toBeUndefined();
    expect(doc.getObject(6, 2)).toBeDefined();
    expect(doc.objectNumbers(0)).toEqual([1, 2, 3, 4, 5]);
    expect(doc.objectNumbers(2)).toEqual([1, 2, 3, 4, 6]);
    expect(doc.trailer(2).entries.get('Prev')).toEqual({ kind: 'number', value: x1, isInt: true });
  });
  it('rejects a revision index that does not exist', () => {
    expect(() => doc.getObject(1, 3)).toThrow(RangeError);
  });
});

describe('xref streams and object streams', () => {
  const bytes = xrefStreamPdf(
    { 1: '<< /Type /Catalog /Pages 2 0 R >>', 3: '<< /Type /Page /Parent 2 0 R >>' },
    { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 4: '[1 2 (three)]' },
    5,
    6,
  );
  const doc = PdfDocument.load(bytes, { strict: true });
  it('reads the xref stream with its PNG predictor', () => {
    expect(doc.revisions[0]!.xrefKind).toBe('stream');
    expect(doc.locate(2)).toEqual({ type: 'compressed', gen: 0, objStm: 5, index: 0 });
    expect(doc.locate(4)).toEqual({ type: 'compressed', gen: 0, objStm: 5, index: 1 });
    expect(doc.locate(6)?.type).toBe('offset');
  });
  it('resolves compressed objects and walks pages through them', () => {
    const arr = doc.getObject(4);
    expect(arr?.kind === 'array' && arr.items.length).toBe(3);
    expect(doc.pages()).toHaveLength(1);
    expect(doc.objectNumbers()).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('treats a compressed entry naming the wrong object as not found (shadowing)', () => {
    const tampered = xrefStreamPdf(
      { 1: '<< /Type /Catalog /Pages 2 0 R >>', 3: '<< /Type /Page /Parent 2 0 R >>' },
      { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 4: '[1 2 (three)]' },
      5,
      6,
      (rows) => {
        rows[4] = [2, 5, 0]; // object 4 -> index 0, which holds object 2
      },
    );
    const lenient = PdfDocument.load(tampered);
    expect(lenient.getObject(4)).toBeUndefined();
    expect(lenient.warnings.join()).toMatch(/holds object 2 there/);
    expect(code(() => PdfDocument.load(tampered, { strict: true }).getObject(4))).toBe('PDF_XREF');
  });
});

describe('hybrid-reference files', () => {
  // A classic file, then an update whose table lists the object stream and whose /XRefStm stream
  // lists object 4 as compressed inside it.
  const base = classicPdf(MINIMAL);
  const x0 = lastStartxref(base);
  const stmBody = '4 0 (hidden in a stream)';
  const stm = `5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length ${stmBody.length} >>\nstream\n${stmBody}\nendstream\nendobj\n`;
  const stmAt = base.length;
  const xsAt = stmAt + stm.length;
  const rows = xrefRows([
    [2, 5, 0],
    [1, stmAt, 0],
    [1, xsAt, 0],
  ]);
  const xs = concat(
    `6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Index [4 3] /Filter /FlateDecode /Length `,
    String(deflateSync(rows).length),
    ' >>\nstream\n',
    deflateSync(rows),
    '\nendstream\nendobj\n',
  );
  const tableAt = xsAt + xs.length;
  const table = `xref\n4 3\n0000000000 00000 f\r\n${String(stmAt).padStart(10, '0')} 00000 n\r\n${String(xsAt).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size 7 /Root 1 0 R /Prev ${x0} /XRefStm ${xsAt} >>\nstartxref\n${tableAt}\n%%EOF\n`;
  const bytes = concat(base, stm, xs, table);
  const doc = PdfDocument.load(bytes, { strict: true });
  it('merges the /XRefStm entries into the same revision', () => {
    expect(doc.revisions.map((r) => r.xrefKind)).toEqual(['table', 'hybrid']);
    expect(doc.revisions[1]!.xrefOffset).toBe(tableAt);
    expect(doc.locate(4)).toEqual({ type: 'compressed', gen: 0, objStm: 5, index: 0 });
    const o = doc.getObject(4);
    expect(o?.kind === 'string' && Buffer.from(o.bytes).toString()).toBe('hidden in a stream');
    expect(doc.getObject(4, 0)).toBeUndefined();
  });
});

describe('defects', () => {
  it('cuts a cyclic /Prev chain in lenient mode and rejects it in strict mode', () => {
    const base = classicPdf(MINIMAL);
    const text = Buffer.from(base).toString('latin1');
    const xrefAt = lastStartxref(base);
    const cyclic = enc(text.replace('/Size 4 /Root 1 0 R', `/Size 4 /Root 1 0 R /Prev ${xrefAt}`));
    const doc = PdfDocument.load(cyclic);
    expect(doc.revisions).toHaveLength(1);
    expect(doc.warnings.join()).toMatch(/cyclic \/Prev/);
    expect(code(() => PdfDocument.load(cyclic, { strict: true }))).toBe('PDF_XREF');
  });
  it('treats an object header that does not match the xref as not found (shadow attack)', () => {
    const base = classicPdf({ ...MINIMAL, 4: '(four)' });
    const at2 = PdfDocument.load(base).locate(2)!.offset!;
    // Point object 4 at object 2's definition.
    const text = Buffer.from(base).toString('latin1');
    const at4 = PdfDocument.load(base).locate(4)!.offset!;
    const bad = enc(text.replace(`${String(at4).padStart(10, '0')} 00000 n`, `${String(at2).padStart(10, '0')} 00000 n`));
    const lenient = PdfDocument.load(bad);
    expect(lenient.getObject(4)).toBeUndefined();
    expect(lenient.warnings.join()).toMatch(/object 4 points to byte \d+ where there is object 2 0/);
    expect(code(() => PdfDocument.load(bad, { strict: true }).getObject(4))).toBe('PDF_XREF');
  });
  it('resolves reference cycles safely', () => {
    const bytes = classicPdf({ ...MINIMAL, 4: '5 0 R', 5: '4 0 R', 6: '6 0 R' });
    const doc = PdfDocument.load(bytes);
    expect(doc.resolve({ kind: 'ref', num: 4, gen: 0 })).toBeUndefined();
    expect(doc.resolve({ kind: 'ref', num: 6, gen: 0 })).toBeUndefined();
    expect(doc.warnings.join()).toMatch(/reference cycle/);
    const strict = PdfDocument.load(bytes, { strict: true });
    expect(code(() => strict.resolve({ kind: 'ref', num: 4, gen: 0 }))).toBe('PDF_CIRCULAR');
  });
  it('rebuilds a broken xref by scanning in lenient mode only', () => {
    const text = Buffer.from(classicPdf({ ...MINIMAL, 4: '(x)' })).toString('latin1');
    const broken = enc(text.replace(/startxref\n\d+/, 'startxref\n9999999'));
    const doc = PdfDocument.load(broken);
    expect(doc.recovered).toBe(true);
    expect(doc.revisions).toHaveLength(1);
    expect(doc.objectNumbers()).toEqual([1, 2, 3, 4]);
    expect(doc.pages()).toHaveLength(1);
    expect(doc.warnings.join()).toMatch(/rebuilding/);
    expect(code(() => PdfDocument.load(broken, { strict: true }))).toBe('PDF_XREF');
    const noTrailer = enc(text.slice(0, text.indexOf('xref')));
    expect(PdfDocument.load(noTrailer).recovered).toBe(true);
  });
  it('rebuilds when most xref offsets miss their objects (bytes inserted before them)', () => {
    const base = classicPdf({ ...MINIMAL, 4: '(x)' });
    const text = Buffer.from(base).toString('latin1').replace('%PDF-1.7\n', '%PDF-1.7\nINSERTED-BYTES\n');
    const shifted = enc(text.replace(/startxref\n\d+/, `startxref\n${lastStartxref(base) + 15}`));
    const doc = PdfDocument.load(shifted);
    expect(doc.recovered).toBe(true);
    expect(doc.warnings.join()).toMatch(/do not lead to their object/);
    expect(doc.pages()).toHaveLength(1);
    expect(code(() => PdfDocument.load(shifted, { strict: true }).getObject(4))).toBe('PDF_XREF');
  });
  it.each([-2, 1, 3])('corrects a startxref that is off by %i bytes in lenient mode only', (delta) => {
    const base = classicPdf({ ...MINIMAL, 4: '(x)' });
    const at = lastStartxref(base);
    const bytes = enc(Buffer.from(base).toString('latin1').replace(/startxref\n\d+/, `startxref\n${at + delta}`));
    const doc = PdfDocument.load(bytes);
    expect(doc.recovered).toBe(false);
    expect(doc.revisions[0]!.xrefOffset).toBe(at + delta);
    expect(doc.warnings.join()).toMatch(/off by/);
    expect(doc.objectNumbers()).toEqual([1, 2, 3, 4]);
    expect(code(() => PdfDocument.load(bytes, { strict: true }))).toBe('PDF_XREF');
  });
  it('rejects what is not a PDF', () => {
    expect(code(() => PdfDocument.load(enc('hello world')))).toBe('PDF_NOT_A_PDF');
    expect(code(() => PdfDocument.load(new Uint8Array(0)))).toBe('PDF_NOT_A_PDF');
  });
  it('tolerates 19-byte xref entries and the subsection-starts-at-1 bug, with warnings', () => {
    const text = Buffer.from(classicPdf(MINIMAL)).toString('latin1');
    const odd = enc(text.replace(/ n\r\n/g, ' n\n').replace('xref\n0 4\n', 'xref\n1 4\n'));
    const doc = PdfDocument.load(odd);
    expect(doc.recovered).toBe(false);
    expect(doc.pages()).toHaveLength(1);
    expect(doc.warnings.join('|')).toMatch(/not 20 bytes.*\|.*renumbered|renumbered.*\|.*not 20 bytes/);
  });
  it('reads a stream whose /Length is an indirect object', () => {
    const doc = PdfDocument.load(classicPdf({ ...MINIMAL, 4: '<< /Length 5 0 R >>\nstream\nabcdef\nendstream', 5: '6' }), { strict: true });
    const s = doc.getObject(4);
    expect(s?.kind === 'stream' && Buffer.from(s.raw).toString()).toBe('abcdef');
    expect(doc.warnings).toEqual([]);
  });
});

describe('encryption', () => {
  it('reports a well-formed /Encrypt', () => {
    const doc = PdfDocument.load(
      classicPdf({ ...MINIMAL, 4: '<< /Filter /Standard /V 2 /R 3 /Length 128 /O (x) /U (y) /P -4 >>' }, '/Encrypt 4 0 R'),
    );
    expect(doc.encrypted).toBe(true);
    expect(doc.encryption()).toMatchObject({ filter: 'Standard', v: 2, r: 3, length: 128 });
    expect(code(() => doc.assertNotEncrypted())).toBe('PDF_ENCRYPTED');
  });
  it('loads a malformed /Encrypt and reports it only when asked', () => {
    const doc = PdfDocument.load(classicPdf(MINIMAL, '/Encrypt << /V 1 >>'));
    expect(doc.encrypted).toBe(true);
    expect(doc.pages()).toHaveLength(1);
    expect(code(() => doc.encryption())).toBe('PDF_ENCRYPTED');
    expect(code(() => doc.assertNotEncrypted())).toBe('PDF_ENCRYPTED');
  });
  it('is silent for plain documents', () => {
    const doc = PdfDocument.load(classicPdf(MINIMAL));
    expect(doc.encrypted).toBe(false);
    expect(doc.encryption()).toBeUndefined();
    expect(() => doc.assertNotEncrypted()).not.toThrow();
  });
});

describe('strict mode checks', () => {
  it('rejects an illegal header version (lenient: warning)', () => {
    const bytes = enc(Buffer.from(classicPdf(MINIMAL)).toString('latin1').replace('%PDF-1.7', '%PDF-X.Y'));
    expect(code(() => PdfDocument.load(bytes, { strict: true }))).toBe('PDF_NOT_A_PDF');
    expect(PdfDocument.load(bytes).warnings.join()).toMatch(/illegal PDF header/);
  });
  it('rejects a /Size that decreases across sections', () => {
    const base = classicPdf({ ...MINIMAL, 4: '(x)' });
    const updated = Buffer.from(appendTable(base, { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' }, lastStartxref(base))).toString('latin1');
    // The update's trailer says /Size 3 while the base says 5.
    const at = updated.lastIndexOf('/Size 5');
    const bytes = enc(updated.slice(0, at) + '/Size 3' + updated.slice(at + 7));
    expect(code(() => PdfDocument.load(bytes, { strict: true }))).toBe('PDF_XREF');
    expect(PdfDocument.load(bytes).warnings.join()).toMatch(/\/Size decreases/);
  });
  it('rejects xref entries not in the 10+5 digit form', () => {
    const text = Buffer.from(classicPdf(MINIMAL)).toString('latin1');
    const padded = enc(text.replace(/\n0000000(\d{3}) 00000 n/g, '\n       $1 00000 n'));
    expect(code(() => PdfDocument.load(padded, { strict: true }))).toBe('PDF_XREF');
    expect(PdfDocument.load(padded).pages()).toHaveLength(1);
  });
  it('rejects references whose generation differs from the xref', () => {
    const bytes = classicPdf({ ...MINIMAL, 4: '<< /P 3 7 R >>' });
    const ref = { kind: 'ref' as const, num: 3, gen: 7 };
    expect(code(() => PdfDocument.load(bytes, { strict: true }).resolve(ref))).toBe('PDF_OBJECT_NOT_FOUND');
    const lenient = PdfDocument.load(bytes);
    expect(lenient.resolve(ref)?.kind).toBe('dict');
    expect(lenient.warnings.join()).toMatch(/does not match the xref generation/);
  });
  it('requires %%EOF right after the startxref value', () => {
    const text = Buffer.from(classicPdf(MINIMAL)).toString('latin1');
    const twice = enc(text.replace(/startxref\n(\d+)\n/, 'startxref\n$1\n$1\n'));
    expect(code(() => PdfDocument.load(twice, { strict: true }))).toBe('PDF_XREF');
    expect(PdfDocument.load(twice).recovered).toBe(false);
  });
});
