/**
 * Reads what a PDF needs to embed a JPEG unchanged (DCTDecode pass-through): its size, colour
 * components and whether Adobe inverted its CMYK samples.
 */
import { AppearanceError } from '../errors.js';

export interface JpegHeader {
  readonly width: number;
  readonly height: number;
  readonly bitsPerComponent: number;
  readonly components: 1 | 3 | 4;
  /** Adobe APP14 marker present: Photoshop-style CMYK JPEGs store inverted samples. */
  readonly adobe: boolean;
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

// Start-of-frame markers C0–CF, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  if (!isJpeg(bytes)) fail('not a JPEG file');
  let adobe = false;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) fail(`no marker at byte ${pos}`);
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) { pos++; continue; } // fill byte
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { pos += 2; continue; }
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    const seg = bytes.subarray(pos + 4, pos + 2 + length);
    if (marker === 0xee && String.fromCharCode(...seg.subarray(0, 5)) === 'Adobe') adobe = true;
    if (isStartOfFrame(marker)) {
      if (seg.length < 6) fail('truncated frame header');
      const components = seg[5]!;
      if (components !== 1 && components !== 3 && components !== 4) fail(`${components} colour components`);
      const height = (seg[1]! << 8) | seg[2]!;
      const width = (seg[3]! << 8) | seg[4]!;
      if (width === 0 || height === 0) fail('image size is missing from the frame header');
      return { width, height, bitsPerComponent: seg[0]!, components, adobe };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image or scan before any frame header
    pos += 2 + length;
  }
  return fail('no frame header found');
}

function fail(message: string): never {
  throw new AppearanceError('APPEARANCE_IMAGE', message);
}
