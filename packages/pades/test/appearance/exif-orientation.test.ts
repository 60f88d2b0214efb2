import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readJpegHeader } from '../../src/appearance/image/read-jpeg-header.js';
import { appearancePdf } from './helpers/render-appearance.js';
import { inkPixels, renderGrey, runTool, tempDir } from './helpers/tools.js';

/** A 120 × 50 JPEG written by Ghostscript: white, with a black 40 × 20 block in its top-left corner. */
function cornerBlockJpeg(): Uint8Array {
  const out = `${tempDir()}/corner.jpg`;
  const r = runTool('gs', [
    '-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=jpeggray', '-g120x50', '-r72', `-sOutputFile=${out}`,
    '-c', '1 setgray 0 0 120 50 rectfill 0 setgray 0 30 40 20 rectfill showpage',
  ]);
  expect(r.status, r.stderr).toBe(0);
  return new Uint8Array(readFileSync(out));
}

/** Inserts an EXIF APP1 segment holding only an orientation tag, after the JFIF APP0 segment. */
function withOrientation(jpeg: Uint8Array, orientation: number, littleEndian = false): Uint8Array {
  const tiff = Buffer.alloc(26);
  tiff.write(littleEndian ? 'II' : 'MM', 0, 'latin1');
  const u16 = (v: number, at: number) => (littleEndian ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (littleEndian ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  u16(42, 2);
  u32(8, 4); // first IFD
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14);
  u16(orientation, 18);
  u32(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  const app0End = jpeg[3] === 0xe0 ? 4 + ((jpeg[4]! << 8) | jpeg[5]!) : 2;
  return Buffer.concat([jpeg.subarray(0, app0End), segment, jpeg.subarray(app0End)]);
}

type Quadrant = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** Where the stored top-left corner must be seen once each EXIF orientation is applied. */
const EXPECTED: Record<number, Quadrant> = {
  1: 'top-left', 2: 'top-right', 3: 'bottom-right', 4: 'bottom-left',
  5: 'top-left', 6: 'top-right', 7: 'bottom-right', 8: 'bottom-left',
};

describe('EXIF orientation of JPEG signature images', () => {
  const stored = cornerBlockJpeg();

  test('readJpegHeader reads the orientation in both byte orders, 1 when absent', () => {
    expect(readJpegHeader(stored).orientation).toBe(1);
    expect(readJpegHeader(withOrientation(stored, 6)).orientation).toBe(6);
    expect(readJpegHeader(withOrientation(stored, 8, true)).orientation).toBe(8);
  });

  test.each(Object.entries(EXPECTED).map(([o, q]) => ({ orientation: Number(o), quadrant: q })))(
    'orientation $orientation: the stored top-left corner is seen $quadrant',
    ({ orientation, quadrant }) => {
      const r = appearancePdf({ width: 300, height: 90, lines: [], image: withOrientation(stored, orientation, orientation % 2 === 0) });
      // Box 300 × 90, padding 6: a landscape view is drawn 114 × 47.5 at (6, 21.25) from the
      // box's top-left corner, a portrait one (orientations 5–8) 32.5 × 78 at (6, 6).
      const [x, y, w, h] = orientation >= 5 ? [6, 6, 32.5, 78] : [6, 21.25, 114, 47.5];
      const img = renderGrey(r.path);
      const at = (qx: number, qy: number) => {
        const x0 = Math.ceil(r.box.x0 + x + qx * w / 2) + 1;
        const y0 = Math.ceil(r.box.y0 + y + qy * h / 2) + 1;
        return inkPixels(img, x0, y0, Math.floor(x0 + w / 2) - 2, Math.floor(y0 + h / 2) - 2);
      };
      const ink: Record<Quadrant, number> = {
        'top-left': at(0, 0), 'top-right': at(1, 0), 'bottom-left': at(0, 1), 'bottom-right': at(1, 1),
      };
      for (const [q, n] of Object.entries(ink)) {
        if (q === quadrant) expect(n, q).toBeGreaterThan(50);
        else expect(n, q).toBe(0);
      }
    },
  );
});
