import { readFileSync } from 'node:fs';
import { IncrementalUpdate, PdfDocument, pdfArray, pdfDict, pdfName, pdfNumber, withEntry } from '@paraphe/pdf';
import { describe, expect, test } from 'vitest';
import { buildSignatureAppearance, formatAppearanceLines, type ObjectSink } from '../../src/appearance/index.js';
import { handwrittenSignaturePng } from './helpers/encode-png.js';
import { inkPixels, renderGrey, runTool, tempDir, writeTemp } from './helpers/tools.js';

/** A one-page A4 PDF written by Ghostscript, with a line of body text at the top. */
function ghostscriptPdf(dir: string): Uint8Array {
  const out = `${dir}/base.pdf`;
  const r = runTool('gs', [
    '-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=pdfwrite', '-sPAPERSIZE=a4', `-sOutputFile=${out}`,
    '-c', '/Helvetica findfont 14 scalefont setfont 72 760 moveto (Proces-verbal du conseil municipal) show showpage',
  ]);
  expect(r.status, r.stderr).toBe(0);
  return new Uint8Array(readFileSync(out));
}

describe('appearance written through IncrementalUpdate as a widget /AP /N', () => {
  const dir = tempDir();
  const base = ghostscriptPdf(dir);
  const doc = PdfDocument.load(base);
  const update = new IncrementalUpdate(doc);
  const sink: ObjectSink = update; // the writer satisfies the narrow interface
  const lines = formatAppearanceLines({
    signerName: 'Émilie Côté-Lœuvre', date: new Date('2026-12-03T21:00:00Z'), timeZone: 'America/Toronto',
    reason: 'Adoption du procès-verbal « séance ordinaire »',
  });
  const rect = { x: 300, y: 80, width: 240, height: 70 };
  const ap = buildSignatureAppearance(sink, { ...rect, lines, title: 'Greffière', image: handwrittenSignaturePng() });
  const page = doc.pages()[0]!;
  const widget = update.allocate();
  update.set(widget, pdfDict({
    Type: pdfName('Annot'), Subtype: pdfName('Widget'), F: pdfNumber(4), P: page.ref,
    Rect: pdfArray([rect.x, rect.y, rect.x + rect.width, rect.y + rect.height].map((n) => pdfNumber(n))),
    AP: pdfDict({ N: ap }),
  }));
  update.set(page.ref, withEntry(page.dict, 'Annots', pdfArray([widget])));
  const { tail } = update.build();
  const path = writeTemp(dir, 'signed.pdf', Buffer.concat([base, tail]));

  test('the original bytes are untouched and qpdf finds no error', () => {
    expect(Buffer.from(readFileSync(path).subarray(0, base.length)).equals(Buffer.from(base))).toBe(true);
    const r = runTool('qpdf', ['--check', path]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  test('pdffonts lists the appearance font as embedded subset with ToUnicode', () => {
    const row = runTool('pdffonts', [path]).stdout.split('\n').find((l) => l.includes('+DejaVuSans'));
    expect(row).toBeDefined();
    expect(row!.trim().split(/\s+/).slice(1, 7)).toEqual(['CID', 'TrueType', 'Identity-H', 'yes', 'yes', 'yes']);
  });

  test('poppler draws the widget inside its rectangle', () => {
    const img = renderGrey(path);
    const top = img.height - rect.y - rect.height; // 72 dpi: 1 pt = 1 px
    const inBox = inkPixels(img, rect.x, top, rect.x + rect.width, top + rect.height);
    expect(inBox).toBeGreaterThan(1000);
    const belowBodyText = inkPixels(img, 0, 120, img.width, img.height);
    expect(belowBodyText).toBe(inkPixels(img, rect.x - 1, top - 1, rect.x + rect.width + 1, top + rect.height + 1));
  });

  test('pdftotext extracts the widget text with its accents and guillemets', () => {
    const r = runTool('pdftotext', ['-enc', 'UTF-8', path, '-']);
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout.replace(/[ \u00a0\n]+/g, ' ');
    expect(text).toContain('Signé numériquement par Émilie Côté-Lœuvre');
    expect(text).toContain('« séance ordinaire »');
  });
});
