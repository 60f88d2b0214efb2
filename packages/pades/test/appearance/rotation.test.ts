import { describe, expect, test } from 'vitest';
import { buildSignatureAppearance, formatAppearanceLines, type SignatureAppearanceOptions } from '../../src/appearance/index.js';
import { handwrittenSignaturePng } from './helpers/encode-png.js';
import { entry, itemsOf, numberOf } from './helpers/inspect.js';
import { MemorySink } from './helpers/memory-sink.js';
import { pdfWithXObject } from './helpers/minimal-pdf.js';
import { renderGrey, runTool, tempDir, writeTemp, type GreyImage } from './helpers/tools.js';

const CONTENT: Omit<SignatureAppearanceOptions, 'width' | 'height'> = {
  lines: formatAppearanceLines({ signerName: 'Émilie Côté', date: new Date('2026-12-03T21:00:00Z'), timeZone: 'America/Toronto' }),
  title: 'Greffe',
  image: handwrittenSignaturePng(),
};

/** Renders a 400 × 400 pt page at 72 dpi with the appearance at (x, y) in unrotated page space. */
function render(options: SignatureAppearanceOptions, x: number, y: number, rotate: number): GreyImage {
  const sink = new MemorySink();
  const ref = buildSignatureAppearance(sink, options);
  const path = writeTemp(tempDir(), 'page.pdf', pdfWithXObject(sink, ref, { pageWidth: 400, pageHeight: 400, x, y, rotate }));
  expect(runTool('qpdf', ['--check', path]).status).toBe(0);
  return renderGrey(path);
}

/** Share of pixels in the viewed box [50,350] × [50,140] whose grey differs by more than 64. */
function difference(a: GreyImage, b: GreyImage): number {
  let differing = 0;
  let total = 0;
  for (let y = 50; y < 140; y++) {
    for (let x = 50; x < 350; x++) {
      total++;
      if (Math.abs(a.pixels[y * a.width + x]! - b.pixels[y * b.width + x]!) > 64) differing++;
    }
  }
  return differing / total;
}

describe('rotated pages', () => {
  // Upright reference: a 300 × 90 box whose top-left corner is seen at (50, 50).
  const upright = render({ ...CONTENT, width: 300, height: 90 }, 50, 260, 0);

  test.each([
    // Where the /Rect goes in unrotated space so that the reader sees it at the same place.
    { rotate: 90, width: 90, height: 300, x: 50, y: 50 },
    { rotate: 180, width: 300, height: 90, x: 50, y: 50 },
    { rotate: 270, width: 90, height: 300, x: 260, y: 50 },
  ])('/Rotate $rotate: the reader sees the same upright appearance', ({ rotate, width, height, x, y }) => {
    const seen = render({ ...CONTENT, width, height, rotation: rotate }, x, y, rotate);
    expect(difference(seen, upright)).toBeLessThan(0.01);
    const unturned = render({ ...CONTENT, width, height }, x, y, rotate);
    expect(difference(unturned, upright)).toBeGreaterThan(0.05); // the comparison can tell
  });

  test('the form keeps an upright BBox and carries the turning /Matrix', () => {
    const sink = new MemorySink();
    const form = sink.get(buildSignatureAppearance(sink, { ...CONTENT, width: 90, height: 300, rotation: -270 }));
    expect(itemsOf(entry(form, 'BBox')).map((n) => numberOf(n))).toEqual([0, 0, 300, 90]);
    expect(itemsOf(entry(form, 'Matrix')).map((n) => numberOf(n))).toEqual([0, 1, -1, 0, 90, 0]);
  });

  test('a rotation that is not a multiple of 90 degrees is refused', () => {
    expect(() => buildSignatureAppearance(new MemorySink(), { ...CONTENT, width: 90, height: 300, rotation: 45 }))
      .toThrowError(expect.objectContaining({ code: 'APPEARANCE_OPTIONS' }));
  });
});
