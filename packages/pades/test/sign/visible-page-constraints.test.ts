/**
 * Visible signatures honour their page and document: upright on rotated pages (with /MK /R on
 * the widget), DeviceCMYK colours for a CMYK PDF/A output intent, no soft mask in PDF/A-1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument, decodeStream, type PdfDict, type PdfObject } from '@paraphe/pdf';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { handwrittenSignaturePng } from '../appearance/helpers/encode-png.js';
import { qpdfCheck } from './support/checks.js';
import { createFixture, type Fixture } from './support/fixture.js';
import { makeInputs } from './support/inputs.js';
import { crop, ghostscriptPdfa, meanDifference, renderFirstPage, rotateFirstPage } from './support/page-variants.js';
import { tempDir } from './support/tools.js';

let fx: Fixture;
let dir: string;
let classic: Uint8Array;
beforeAll(async () => {
  fx = await createFixture();
  dir = tempDir('paraphe-visible-');
  classic = makeInputs(dir).classic;
});

const get = (doc: PdfDocument, d: PdfDict | undefined, key: string): PdfObject | undefined => doc.resolve(d?.entries.get(key));
const dictOf = (o: PdfObject | undefined): PdfDict | undefined => (o?.kind === 'dict' ? o : o?.kind === 'stream' ? o.dict : undefined);

/** The widget of the newest signature field, its normal appearance's decoded content, and the objects the signing update wrote. */
function newestWidget(pdf: Uint8Array): { doc: PdfDocument; widget: PdfDict; content: string; written: PdfObject[] } {
  const doc = PdfDocument.load(pdf);
  const fields = get(doc, doc.catalog(), 'AcroForm');
  const list = get(doc, dictOf(fields), 'Fields');
  const items = list?.kind === 'array' ? list.items : [];
  const widget = dictOf(doc.resolve(items[items.length - 1]));
  expect(widget, 'newest field').toBeDefined();
  const ap = doc.resolve(dictOf(get(doc, widget, 'AP'))?.entries.get('N'));
  expect(ap?.kind).toBe('stream');
  const content = Buffer.from(decodeStream(ap as Extract<PdfObject, { kind: 'stream' }>, doc)).toString('latin1');
  // Revision 1 is the signature's update (revision 0 is the input, the file has no earlier update).
  const sigRev = doc.revisions.length - 1;
  const written = [...doc.revisions[sigRev]!.entries.keys()].map((n) => doc.getObject(n, sigRev)).filter((o): o is PdfObject => o !== undefined);
  return { doc, widget: widget!, content, written };
}

describe('visible signature on a page turned by /Rotate', () => {
  it('draws the appearance upright (rendered by pdftoppm) and records /MK /R 90', async () => {
    // Displayed at X 100..320, Y 300..360 (top-left origin, clear of the page's text) on both
    // pages. On a page turned 90° clockwise, displayed (X, Y) is page space (y, x): the widget is
    // 60 wide and 220 high there.
    const base = PdfDocument.load(classic).pages()[0]!.dict;
    const box = base.entries.get('MediaBox');
    const pageHeight = box?.kind === 'array' && box.items[3]?.kind === 'number' ? box.items[3].value : 792;
    const uprightAt = await signPdf(classic, fx.rsaOptions({ visible: { page: 1, x: 100, y: pageHeight - 360, width: 220, height: 60 } }));
    const rotatedInput = rotateFirstPage(dir, classic, 90);
    const rotated = await signPdf(rotatedInput, fx.rsaOptions({ visible: { page: 1, x: 300, y: 100, width: 60, height: 220 } }));

    const { widget } = newestWidget(rotated);
    expect(get(PdfDocument.load(rotated), dictOf(widget.entries.get('MK')), 'R')).toEqual({ kind: 'number', value: 90, isInt: true });
    expect(newestWidget(uprightAt).widget.entries.has('MK')).toBe(false);
    expect(qpdfCheck(dir, rotated).ok, qpdfCheck(dir, rotated).output).toBe(true);

    const a = renderFirstPage(dir, uprightAt, 'upright');
    const b = renderFirstPage(dir, rotated, 'rotated');
    expect([b.width, b.height]).toEqual([a.height, a.width]);
    const reference = crop(a, 100, 300, 220, 60);
    const shown = crop(b, 100, 300, 220, 60);
    // Some ink (frame and text) is there, and it is the same drawing as on the unrotated page.
    expect(meanDifference(reference, new Uint8Array(reference.length).fill(255))).toBeGreaterThan(5);
    const same = meanDifference(shown, reference);
    const upsideDown = meanDifference(crop(b, 100, 300, 220, 60, true), reference);
    expect(same).toBeLessThan(3);
    expect(upsideDown).toBeGreaterThan(same * 3);
  });

  it('records the rotation of a page turned by 270', async () => {
    const out = await signPdf(rotateFirstPage(dir, classic, 270), fx.rsaOptions({ visible: { page: 1, x: 100, y: 100, width: 60, height: 220 } }));
    const { doc, widget } = newestWidget(out);
    expect(get(doc, dictOf(widget.entries.get('MK')), 'R')).toEqual({ kind: 'number', value: 270, isInt: true });
    expect(qpdfCheck(dir, out).ok).toBe(true);
  });
});

describe('visible signature on PDF/A files written by Ghostscript', () => {
  it('PDF/A-2, sRGB output intent: RGB colours, the PNG keeps its soft mask, qpdf --check clean', async () => {
    const out = await signPdf(ghostscriptPdfa(dir, 2, 'RGB'), fx.rsaOptions({ visible: { page: 1, x: 72, y: 72, width: 240, height: 80, image: handwrittenSignaturePng(), locale: 'en' } }));
    const { content, written } = newestWidget(out);
    expect(content).toMatch(/ (rg|RG)\n/);
    expect(content).not.toMatch(/ (k|K)\n/);
    expect(written.some((o) => dictOf(o)?.entries.has('SMask'))).toBe(true);
    expect(qpdfCheck(dir, out).ok).toBe(true);
  });

  it('PDF/A-1, CMYK output intent: CMYK colours and no soft mask (transparency is forbidden)', async () => {
    const out = await signPdf(ghostscriptPdfa(dir, 1, 'CMYK'), fx.rsaOptions({ visible: { page: 1, x: 72, y: 72, width: 240, height: 80, image: handwrittenSignaturePng() } }));
    const { content, written } = newestWidget(out);
    expect(content).toMatch(/ (k|K)\n/);
    expect(content).not.toMatch(/ (rg|RG)\n/);
    expect(written.some((o) => dictOf(o)?.entries.has('SMask'))).toBe(false);
    expect(written.some((o) => get(PdfDocument.load(out), dictOf(o), 'ColorSpace')?.kind === 'name' && (dictOf(o)!.entries.get('ColorSpace') as { value: string }).value === 'DeviceRGB')).toBe(false);
    expect(qpdfCheck(dir, out).ok).toBe(true);
  });
});
