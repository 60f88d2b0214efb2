import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodePng } from '../../src/appearance/image/decode-png.js';
import { embedImage } from '../../src/appearance/image/embed-image.js';
import { readJpegHeader } from '../../src/appearance/image/read-jpeg-header.js';
import { encodePng, handwrittenSignaturePng } from './helpers/encode-png.js';
import { entry, nameOf, numberOf, resolve, streamData } from './helpers/inspect.js';
import { MemorySink } from './helpers/memory-sink.js';
import { appearancePdf } from './helpers/render-appearance.js';
import { inkPixels, renderGrey, runTool, tempDir } from './helpers/tools.js';

/** A JPEG written by Ghostscript (an independent encoder): a dark shape on white. */
function ghostscriptJpeg(device: 'jpeg' | 'jpeggray' | 'jpegcmyk'): Uint8Array {
  const out = `${tempDir()}/sig.jpg`;
  const r = runTool('gs', [
    '-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', `-sDEVICE=${device}`, '-g120x50', '-r72', `-sOutputFile=${out}`,
    '-c', '1 setgray 0 0 120 50 rectfill 0.1 0.2 0.5 setrgbcolor 10 10 100 30 rectfill showpage',
  ]);
  expect(r.status, r.stderr).toBe(0);
  return new Uint8Array(readFileSync(out));
}

describe('decodePng', () => {
  test('RGBA: colour samples and an alpha plane', () => {
    const img = decodePng(encodePng({ width: 2, height: 1, colorType: 6, rows: Uint8Array.of(255, 0, 0, 128, 0, 0, 255, 255) }));
    expect(img).toMatchObject({ width: 2, height: 1, colorSpace: 'DeviceRGB' });
    expect([...img.pixels]).toEqual([255, 0, 0, 0, 0, 255]);
    expect([...img.alpha!]).toEqual([128, 255]);
  });

  test('an opaque image has no alpha plane', () => {
    expect(decodePng(encodePng({ width: 1, height: 1, colorType: 2, rows: Uint8Array.of(1, 2, 3) })).alpha).toBeUndefined();
  });

  test('palette with tRNS becomes RGB with alpha', () => {
    const img = decodePng(encodePng({
      width: 3, height: 1, colorType: 3, rows: Uint8Array.of(0, 1, 1),
      palette: Uint8Array.of(10, 20, 30, 40, 50, 60), trns: Uint8Array.of(0),
    }));
    expect([...img.pixels]).toEqual([10, 20, 30, 40, 50, 60, 40, 50, 60]);
    expect([...img.alpha!]).toEqual([0, 255, 255]);
  });

  test('1-bit grey is stretched to 0–255; 16-bit keeps the high byte', () => {
    const bw = decodePng(encodePng({ width: 9, height: 1, colorType: 0, bitDepth: 1, rows: Uint8Array.of(0b10100000, 0b10000000) }));
    expect([...bw.pixels]).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255]);
    const deep = decodePng(encodePng({ width: 1, height: 1, colorType: 4, bitDepth: 16, rows: Uint8Array.of(0x12, 0x34, 0x80, 0x00) }));
    expect([...deep.pixels]).toEqual([0x12]);
    expect([...deep.alpha!]).toEqual([0x80]);
  });

  test('undoes every row filter (sub, up, average, paeth)', () => {
    // Two RGB rows: filter bytes are written by hand, so encode raw data directly.
    const width = 2;
    const plain = [[10, 20, 30, 40, 50, 60], [15, 25, 35, 45, 55, 65]];
    for (const filter of [1, 2, 3, 4]) {
      const img = decodePng(withFilter(width, plain, filter));
      expect([...img.pixels], `filter ${filter}`).toEqual(plain.flat());
    }
  });

  test('refuses interlaced, truncated or foreign data with APPEARANCE_IMAGE', () => {
    const code = expect.objectContaining({ code: 'APPEARANCE_IMAGE' });
    expect(() => decodePng(encodePng({ width: 1, height: 1, colorType: 0, rows: Uint8Array.of(0), interlace: true }))).toThrowError(code);
    expect(() => decodePng(handwrittenSignaturePng().subarray(0, 60))).toThrowError(code);
    expect(() => decodePng(Uint8Array.of(1, 2, 3))).toThrowError(code);
  });
});

describe('embedImage', () => {
  test('JPEG passes through unchanged with DCTDecode and its size and colour space', () => {
    const jpeg = ghostscriptJpeg('jpeg');
    const sink = new MemorySink();
    const image = embedImage(sink, jpeg);
    const stream = sink.get(image.ref);
    expect(nameOf(entry(stream, 'Filter'))).toBe('DCTDecode');
    expect(nameOf(entry(stream, 'ColorSpace'))).toBe('DeviceRGB');
    expect([numberOf(entry(stream, 'Width')), numberOf(entry(stream, 'Height'))]).toEqual([120, 50]);
    expect(stream.kind === 'stream' && Buffer.from(stream.raw).equals(Buffer.from(jpeg))).toBe(true);
  });

  test('grey and Adobe CMYK JPEGs get DeviceGray, and DeviceCMYK with an inverting /Decode', () => {
    expect(readJpegHeader(ghostscriptJpeg('jpeggray')).components).toBe(1);
    const cmyk = ghostscriptJpeg('jpegcmyk');
    const header = readJpegHeader(cmyk);
    const sink = new MemorySink();
    const stream = sink.get(embedImage(sink, cmyk, { colourSpace: 'DeviceCMYK' }).ref);
    expect(nameOf(entry(stream, 'ColorSpace'))).toBe('DeviceCMYK');
    expect(header.adobe).toBe(true);
    expect(entry(stream, 'Decode')).toBeDefined();
    // With the right /Decode the white margin stays white and the dark-blue shape dark. The
    // 120 × 50 image is drawn 114 × 47.5 at (6, 16.25) from the box's top-left corner.
    const r = appearancePdf({ width: 300, height: 80, lines: [], image: cmyk, colourSpace: 'DeviceCMYK' });
    const img = renderGrey(r.path);
    const { x0, y0 } = r.box;
    expect(inkPixels(img, x0 + 8, y0 + 18, x0 + 110, y0 + 23)).toBe(0); // top margin of the image
    expect(inkPixels(img, x0 + 18, y0 + 28, x0 + 100, y0 + 50)).toBe(82 * 22); // the shape
  });

  test('PNG with transparency gets a /SMask; flatten paints it onto white instead', () => {
    const png = handwrittenSignaturePng();
    const sink = new MemorySink();
    const masked = sink.get(embedImage(sink, png).ref);
    const smask = resolve(sink, entry(masked, 'SMask'));
    expect(nameOf(entry(smask, 'ColorSpace'))).toBe('DeviceGray');
    expect(streamData(smask)).toHaveLength(240 * 100);
    const flat = sink.get(embedImage(sink, png, { alpha: 'flatten' }).ref);
    expect(entry(flat, 'SMask')).toBeUndefined();
    const pixels = streamData(flat);
    expect(pixels).toHaveLength(240 * 100 * 3);
    expect([...pixels.subarray(0, 3)]).toEqual([255, 255, 255]); // a transparent corner is now white
  });

  test('an appearance with a JPEG renders the image, and qpdf accepts the file', () => {
    const r = appearancePdf({ width: 300, height: 80, lines: ['Signé numériquement par A. B.'], image: ghostscriptJpeg('jpeg') });
    const img = renderGrey(r.path);
    const { x0, y0, x1, y1 } = r.box;
    expect(inkPixels(img, x0 + 3, y0 + 3, x0 + 0.4 * (x1 - x0) - 3, y1 - 3)).toBeGreaterThan(1000);
    expect(runTool('qpdf', ['--check', r.path]).status).toBe(0);
  });
});

function withFilter(width: number, rows: number[][], filter: number): Uint8Array {
  const bpp = 3;
  const filtered = rows.map((row, y) => row.map((v, i) => {
    const a = i >= bpp ? row[i - bpp]! : 0;
    const b = y > 0 ? rows[y - 1]![i]! : 0;
    const c = y > 0 && i >= bpp ? rows[y - 1]![i - bpp]! : 0;
    const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
    return (v - pred) & 0xff;
  }));
  // encodePng writes filter byte 0; patch each row's filter byte after re-encoding by hand.
  return encodePngRaw(width, rows.length, filtered, filter);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function encodePngRaw(width: number, height: number, rows: number[][], filter: number): Uint8Array {
  return encodePng({ width, height, colorType: 2, rows: Uint8Array.from(rows.flat()), rowFilter: filter });
}
