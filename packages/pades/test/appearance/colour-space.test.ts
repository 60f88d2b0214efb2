import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatAppearanceLines, type ColourSpace } from '../../src/appearance/index.js';
import { handwrittenSignaturePng } from './helpers/encode-png.js';
import { entry, nameOf, objectsOfType, streamData, text } from './helpers/inspect.js';
import { appearancePdf } from './helpers/render-appearance.js';
import { inkPixels, renderGrey, runTool, tempDir } from './helpers/tools.js';

const LINES = formatAppearanceLines({ signerName: 'Émilie Côté', date: new Date('2026-12-03T21:00:00Z') });
const OPERATORS: Record<ColourSpace, { allowed: string[]; forbidden: string[] }> = {
  DeviceRGB: { allowed: ['rg', 'RG', 'g', 'G'], forbidden: ['k', 'K'] },
  DeviceGray: { allowed: ['g', 'G'], forbidden: ['rg', 'RG', 'k', 'K'] },
  DeviceCMYK: { allowed: ['k', 'K', 'g', 'G'], forbidden: ['rg', 'RG'] },
};

function rgbJpeg(): Uint8Array {
  const out = `${tempDir()}/rgb.jpg`;
  expect(runTool('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=jpeg', '-g40x20', `-sOutputFile=${out}`, '-c', 'showpage']).status).toBe(0);
  return new Uint8Array(readFileSync(out));
}

describe('colour space of the document (PDF/A output intent)', () => {
  test.each(Object.keys(OPERATORS) as ColourSpace[])('%s: only colour operators and images of that space (or grey)', (space) => {
    const r = appearancePdf({ width: 300, height: 80, lines: LINES, title: 'Greffe', image: handwrittenSignaturePng(), colourSpace: space });
    const ops = new Set(text(streamData(r.sink.get(r.ref))).split(/\s+/));
    for (const op of OPERATORS[space].forbidden) expect(ops.has(op), op).toBe(false);
    expect([...ops].some((op) => OPERATORS[space].allowed.includes(op))).toBe(true);
    const image = objectsOfType(r.sink, 'Image').find((o) => entry(o, 'SMask') !== undefined)!;
    expect(nameOf(entry(image, 'ColorSpace'))).toBe(space);
    // Rendered: the pen stroke is dark in every space (no inverted or lost colour).
    const img = renderGrey(r.path);
    const { x0, y0, x1, y1 } = r.box;
    expect(inkPixels(img, x0 + 3, y0 + 3, x0 + 0.4 * (x1 - x0) - 3, y1 - 3)).toBeGreaterThan(200);
    expect(runTool('qpdf', ['--check', r.path]).status).toBe(0);
  });

  test('an RGB JPEG is refused where only CMYK or grey is allowed', () => {
    for (const colourSpace of ['DeviceCMYK', 'DeviceGray'] as const) {
      expect(() => appearancePdf({ width: 200, height: 60, lines: [], image: rgbJpeg(), colourSpace }))
        .toThrowError(expect.objectContaining({ code: 'APPEARANCE_IMAGE' }));
    }
  });
});
