import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AppearanceError, formatAppearanceLines, measureText } from '../../src/appearance/index.js';
import { handwrittenSignaturePng } from './helpers/encode-png.js';
import { entry, nameOf, numberOf, objectsOfType, resolve, streamData, text } from './helpers/inspect.js';
import { MemorySink } from './helpers/memory-sink.js';
import { appearancePdf } from './helpers/render-appearance.js';
import { inkPixels, renderGrey, runTool, tempDir } from './helpers/tools.js';
import { buildSignatureAppearance } from '../../src/appearance/index.js';

const LINES = formatAppearanceLines({
  signerName: 'Émilie Côté-Lœuvre',
  date: new Date('2026-12-03T21:00:00Z'),
  timeZone: 'America/Toronto',
  reason: 'Approbation du règlement nº 2026-14 « Zonage » — version finale',
  location: 'Hôtel de ville, Saint-Lin',
  levelOfAssurance: 'Signature qualifiée (certificat personnel)',
});
const TITLE = 'Greffe — Ville de Saint-Lin';
const BLOCK = { width: 300, height: 90, lines: LINES, title: TITLE };

/** pdftotext output with line breaks and runs of spaces made single spaces. */
function extractText(path: string): string {
  const r = runTool('pdftotext', ['-enc', 'UTF-8', path, '-']);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/[ \n\f]+/g, ' ').trim();
}

function asPlainSpaces(s: string): string {
  return s.replace(/\u00a0/g, ' ');
}

function contentOf(rendered: ReturnType<typeof appearancePdf>): string {
  return text(streamData(rendered.sink.get(rendered.ref)));
}

describe('buildSignatureAppearance, judged by independent tools', () => {
  const withImage = appearancePdf({ ...BLOCK, image: handwrittenSignaturePng() });

  test('pdffonts: one font, CID TrueType, embedded, subset, with ToUnicode', () => {
    const r = runTool('pdffonts', [withImage.path]);
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(1);
    const [name, ...cols] = rows[0]!.trim().split(/\s+/);
    expect(name).toMatch(/^[A-Z]{6}\+DejaVuSans$/);
    expect(cols.slice(0, 6)).toEqual(['CID', 'TrueType', 'Identity-H', 'yes', 'yes', 'yes']);
  });

  test('pdftotext extracts the French text exactly (accents, œ, « », —)', () => {
    // Poppler prints a no-break space as a plain space; the CMap test below checks the mapping itself.
    expect(extractText(withImage.path)).toBe(asPlainSpaces([TITLE, ...LINES].join(' ')));
    expect(extractText(withImage.path)).toContain('Motif : Approbation du règlement nº 2026-14 « Zonage » — version finale');
  });

  test('the ToUnicode CMap maps the no-break space glyph back to U+00A0', () => {
    const font = objectsOfType(withImage.sink, 'Type0')[0]!;
    const cmap = text(streamData(resolve(withImage.sink, entry(font, 'ToUnicode'))));
    expect(cmap).toMatch(/<[0-9A-F]{4}> <00A0>/);
    expect(cmap).toMatch(/<[0-9A-F]{4}> <0153>/); // œ
  });

  test('pdftoppm: the box has ink in the image part and the text part, and none outside the box', () => {
    const img = renderGrey(withImage.path);
    const { x0, y0, x1, y1 } = withImage.box;
    const split = x0 + 0.4 * (x1 - x0);
    expect(inkPixels(img, x0 + 3, y0 + 3, split - 3, y1 - 3)).toBeGreaterThan(200); // handwritten signature
    expect(inkPixels(img, split + 3, y0 + 3, x1 - 3, y1 - 3)).toBeGreaterThan(1000); // text
    const total = inkPixels(img, 0, 0, img.width, img.height);
    expect(inkPixels(img, x0 - 1, y0 - 1, x1 + 1, y1 + 1)).toBe(total);
  });

  test('qpdf --check finds no error', () => {
    const r = runTool('qpdf', ['--check', withImage.path]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
    expect(r.stderr).toBe('');
  });

  test('mutool draw renders without any message about the file', () => {
    const out = `${tempDir()}/page.png`;
    const r = runTool('mutool', ['draw', '-q', '-o', out, withImage.path]);
    expect(r.status, r.stderr).toBe(0);
    // This mupdf build always says it lacks ICC support; that line is about the build, not the file.
    const messages = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('ICC support is not available'));
    expect(messages).toEqual([]);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  });

  test('is a Flate-compressed Form XObject with a BBox, its font and image as resources', () => {
    const form = withImage.sink.get(withImage.ref);
    expect(nameOf(entry(form, 'Type'))).toBe('XObject');
    expect(nameOf(entry(form, 'Subtype'))).toBe('Form');
    expect(nameOf(entry(form, 'Filter'))).toBe('FlateDecode');
    const bbox = entry(form, 'BBox');
    expect(bbox?.kind === 'array' && bbox.items.map((n) => numberOf(n))).toEqual([0, 0, 300, 90]);
    const resources = resolve(withImage.sink, entry(form, 'Resources'));
    const font = resolve(withImage.sink, entry(resolve(withImage.sink, entry(resources, 'Font')), 'F1'));
    expect(nameOf(entry(font, 'Subtype'))).toBe('Type0');
    const image = resolve(withImage.sink, entry(resolve(withImage.sink, entry(resources, 'XObject')), 'Im1'));
    expect(nameOf(entry(image, 'Subtype'))).toBe('Image');
    expect(contentOf(withImage)).toMatch(/\/F1 [\d.]+ Tf/);
    expect(contentOf(withImage)).toContain('/Im1 Do');
  });
});

describe('text fitting', () => {
  test('shrinks and wraps long text so every line stays inside the box', () => {
    const r = appearancePdf({ width: 140, height: 60, lines: LINES, fontSize: 12 });
    const content = contentOf(r);
    const sizes = [...content.matchAll(/\/F1 ([\d.]+) Tf/g)].map((m) => Number(m[1]));
    expect(Math.max(...sizes)).toBeLessThan(12);
    expect(extractText(r.path)).toBe(asPlainSpaces(LINES.join(' ')));
    const img = renderGrey(r.path);
    const { x0, y0, x1, y1 } = r.box;
    expect(inkPixels(img, x0 + 2, y0 + 2, x1 - 2, y1 - 2)).toBeGreaterThan(300);
    expect(inkPixels(img, x0 - 1, y0 - 1, x1 + 1, y1 + 1)).toBe(inkPixels(img, 0, 0, img.width, img.height));
  });

  test('keeps the requested size when the text fits', () => {
    const r = appearancePdf({ width: 380, height: 120, lines: ['Signé numériquement par A. B.'], fontSize: 9 });
    expect([...contentOf(r).matchAll(/\/F1 ([\d.]+) Tf/g)].map((m) => Number(m[1]))).toEqual([9]);
  });

  test('when nothing fits even at the minimum size, drops lines and ends the last with an ellipsis', () => {
    const r = appearancePdf({ width: 80, height: 14, lines: LINES });
    const extracted = extractText(r.path);
    expect(extracted.endsWith('…')).toBe(true);
    expect(extracted.length).toBeLessThan(LINES.join(' ').length);
    const img = renderGrey(r.path);
    const { x0, y0, x1, y1 } = r.box;
    expect(inkPixels(img, x0 - 1, y0 - 1, x1 + 1, y1 + 1)).toBe(inkPixels(img, 0, 0, img.width, img.height));
  });

  test('measureText agrees with the widths written in the font', () => {
    expect(measureText('Côté', 10)).toBeCloseTo(measureText('C', 10) + measureText('ô', 10) + measureText('t', 10) + measureText('é', 10), 6);
    expect(measureText('MMMM', 20)).toBeCloseTo(2 * measureText('MMMM', 10), 6);
    expect(measureText('', 10)).toBe(0);
  });
});

describe('missing glyphs', () => {
  test('characters the font lacks are drawn as a visible replacement and extract as U+FFFD', () => {
    const r = appearancePdf({ width: 300, height: 40, lines: ['Signé par 中村 — 𝔘'] });
    expect(extractText(r.path)).toBe('Signé par \ufffd\ufffd — \ufffd');
    const cmap = text(streamData(resolve(r.sink, entry(objectsOfType(r.sink, 'Type0')[0]!, 'ToUnicode'))));
    expect(cmap).toMatch(/<[0-9A-F]{4}> <FFFD>/);
    const img = renderGrey(r.path);
    const { x0, y0, x1, y1 } = r.box;
    // The replacement glyphs are drawn: the text is wider than it would be without them.
    const columns = new Set<number>();
    for (let y = y0 + 2; y < y1 - 2; y++) for (let x = x0 + 2; x < x1 - 2; x++) if (img.pixels[y * img.width + x]! < 200) columns.add(x);
    expect(Math.max(...columns) - x0).toBeGreaterThan(measureText('Signé par — ', 10));
  });
});

describe('characters outside the Basic Multilingual Plane', () => {
  test('a glyph the font has beyond U+FFFF extracts back through a surrogate pair in the CMap', () => {
    const r = appearancePdf({ width: 300, height: 40, lines: ['Approuvé 😀'] });
    expect(extractText(r.path)).toBe('Approuvé 😀');
    const cmap = text(streamData(resolve(r.sink, entry(objectsOfType(r.sink, 'Type0')[0]!, 'ToUnicode'))));
    expect(cmap).toMatch(/<[0-9A-F]{4}> <D83DDE00>/);
  });
});

describe('reproducibility', () => {
  test('the same options give byte-identical objects (subset tag included)', () => {
    const a = appearancePdf({ ...BLOCK, image: handwrittenSignaturePng() });
    const b = appearancePdf({ ...BLOCK, image: handwrittenSignaturePng() });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });

  test('a different glyph set gets a different subset tag', () => {
    const tag = (lines: string[]) => nameOf(entry(objectsOfType(appearancePdf({ width: 200, height: 40, lines }).sink, 'Type0')[0]!, 'BaseFont'));
    expect(tag(['Signé par A'])).not.toBe(tag(['Signé par B']));
  });
});

describe('errors', () => {
  test('a box that is not a positive finite size is refused with APPEARANCE_OPTIONS', () => {
    for (const [width, height] of [[0, 50], [100, -1], [Number.NaN, 20], [Number.POSITIVE_INFINITY, 20]]) {
      expect(() => buildSignatureAppearance(new MemorySink(), { width: width!, height: height!, lines: ['x'] }))
        .toThrowError(expect.objectContaining({ code: 'APPEARANCE_OPTIONS' }));
    }
  });

  test('an image that is neither PNG nor JPEG is refused with APPEARANCE_IMAGE', () => {
    const gif = new TextEncoder().encode('GIF89a....');
    let error: unknown;
    try {
      buildSignatureAppearance(new MemorySink(), { width: 200, height: 50, lines: ['x'], image: gif });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppearanceError);
    expect((error as AppearanceError).code).toBe('APPEARANCE_IMAGE');
  });
});

test('ghostscript is available for the JPEG tests', () => {
  expect(spawnSync('gs', ['--version']).error, 'install ghostscript').toBeUndefined();
});
