/**
 * Files made by independent tools (Ghostscript, qpdf) are read, fully walked, updated with the
 * incremental writer, and the result checked by qpdf and mutool.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncrementalUpdate,
  PdfDocument,
  decodeStream,
  pdfDict,
  pdfName,
  pdfString,
  serializeObject,
  withEntry,
} from '../src/index.js';
import { appendHybrid, concat } from './helpers/build-pdf.js';
import { requireTool, run, runOk } from './helpers/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'paraphe-pdf-interop-'));
const PS = '/Helvetica findfont 18 scalefont setfont 72 720 moveto (Page one) show showpage 72 720 moveto (Page two) show showpage';
const inputs: Record<string, string> = {};
const txt = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

beforeAll(() => {
  for (const t of ['gs', 'qpdf', 'mutool']) requireTool(t);
  const p = (n: string): string => join(dir, n);
  runOk('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${p('gs-classic.pdf')}`, '-c', PS]);
  runOk('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', '-dCompatibilityLevel=1.5', `-sOutputFile=${p('gs-15.pdf')}`, '-c', PS]);
  runOk('qpdf', ['--object-streams=generate', p('gs-classic.pdf'), p('qpdf-objstm.pdf')]);
  runOk('qpdf', ['--linearize', p('gs-classic.pdf'), p('qpdf-linearized.pdf')]);
  runOk('qpdf', ['--linearize', '--object-streams=generate', p('gs-classic.pdf'), p('qpdf-linearized-objstm.pdf')]);
  // Hybrid: the classic file plus a section whose /XRefStm lists an object hidden in an object stream.
  const classic = new Uint8Array(readFileSync(p('gs-classic.pdf')));
  const size = PdfDocument.load(classic).trailer().entries.get('Size');
  const n = size?.kind === 'number' ? size.value : 100;
  writeFileSync(p('hybrid.pdf'), appendHybrid(classic, n, '(hidden)', n + 1, n + 2));
  for (const f of ['gs-classic', 'gs-15', 'qpdf-objstm', 'qpdf-linearized', 'qpdf-linearized-objstm', 'hybrid']) inputs[f] = p(`${f}.pdf`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXPECTED_KIND: Record<string, string> = {
  'gs-classic': 'table',
  'qpdf-objstm': 'stream',
  'qpdf-linearized': 'table',
  'qpdf-linearized-objstm': 'stream',
  hybrid: 'hybrid',
};

describe.each(['gs-classic', 'gs-15', 'qpdf-objstm', 'qpdf-linearized', 'qpdf-linearized-objstm', 'hybrid'])('%s', (name) => {
  it('loads strictly, walks pages, resolves every object and decodes every stream', () => {
    const bytes = new Uint8Array(readFileSync(inputs[name]!));
    const doc = PdfDocument.load(bytes, { strict: true });
    expect(doc.recovered).toBe(false);
    const kind = doc.revisions[doc.revisions.length - 1]!.xrefKind;
    // Ghostscript's -dCompatibilityLevel=1.5 may or may not write an xref stream depending on its
    // version: the reader must agree with what is in the file.
    const expected = EXPECTED_KIND[name] ?? (/\/Type\s*\/XRef/.test(txt(bytes)) ? 'stream' : 'table');
    expect(kind).toBe(expected);
    if (name.startsWith('qpdf-linearized')) expect(doc.revisions).toHaveLength(1);
    expect(doc.pages()).toHaveLength(2);
    let streams = 0;
    for (const n of doc.objectNumbers()) {
      const o = doc.getObject(n);
      expect(o, `object ${n}`).toBeDefined();
      if (o?.kind === 'stream') {
        decodeStream(o, doc);
        streams++;
      }
    }
    expect(streams).toBeGreaterThan(0);
    if (name === 'hybrid') expect(doc.locate(doc.objectNumbers().at(-3)!)?.type).toBe('compressed');
    expect(doc.warnings).toEqual([]);
  });

  it('takes an incremental update that qpdf and mutool accept, earlier revisions unchanged', () => {
    const bytes = new Uint8Array(readFileSync(inputs[name]!));
    const doc = PdfDocument.load(bytes);
    const up = new IncrementalUpdate(doc);
    const ref = up.allocate();
    up.set(ref, pdfDict({ Type: pdfName('ParapheTest'), V: pdfString('new object') }));
    const rootRef = doc.trailer().entries.get('Root');
    if (rootRef?.kind !== 'ref') throw new Error('indirect /Root expected');
    up.set(rootRef, withEntry(doc.catalog(), 'ParapheExtra', ref));
    const { tail } = up.build();
    const out = concat(bytes, tail);
    const file = join(dir, `${name}-updated.pdf`);
    writeFileSync(file, out);

    const check = run('qpdf', ['--check', file]);
    expect(check.output).not.toMatch(/WARNING/i);
    expect(check.output).toMatch(/No syntax or stream encoding errors found/);
    expect(check.status).toBe(0);
    expect(runOk('qpdf', [`--show-object=${ref.num}`, file])).toMatch(/\/Type \/ParapheTest/);
    expect(runOk('mutool', ['show', file, String(ref.num)])).toMatch(/\/ParapheTest/);
    expect(runOk('mutool', ['show', file, 'trailer'])).toMatch(/\/Prev/);

    const after = PdfDocument.load(out, { strict: true });
    expect(after.revisions).toHaveLength(doc.revisions.length + 1);
    for (const r of doc.revisions) {
      expect(after.revisions[r.index]!.endOffset).toBe(r.endOffset);
      for (const n of doc.objectNumbers(r.index)) {
        expect(txt(serializeObject(after.getObject(n, r.index)!))).toBe(txt(serializeObject(doc.getObject(n, r.index)!)));
      }
    }
    expect(after.pages()).toHaveLength(2);
  });
});
