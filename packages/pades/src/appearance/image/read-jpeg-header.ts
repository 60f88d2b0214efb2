/**
 * Reads what a PDF needs to embed a JPEG unchanged (DCTDecode pass-through): its size, colour
 * components, whether Adobe inverted its CMYK samples, and the EXIF orientation a phone camera
 * records instead of turning the pixels.
 */
import { AppearanceError } from '../errors.js';

export interface JpegHeader {
  readonly width: number;
  readonly height: number;
  readonly bitsPerComponent: number;
  readonly components: 1 | 3 | 4;
  /** Adobe APP14 marker present: Photoshop-style CMYK JPEGs store inverted samples. */
  readonly adobe: boolean;
  /** EXIF orientation 1–8 (1: stored upright; 6: turn 90° clockwise to view; …). */
  readonly orientation: number;
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
  let orientation = 1;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) fail(`no marker at byte ${pos}`);
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) { pos++; continue; } // fill byte
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { pos += 2; continue; }
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    const seg = bytes.subarray(pos + 4, pos + 2 + length);
    if (marker === 0xee && String.fromCharCode(...seg.subarray(0, 5)) === 'Adobe') adobe = true;
    if (marker === 0xe1 && String.fromCharCode(...seg.subarray(0, 6)) === 'Exif\0\0') orientation = exifOrientation(seg.subarray(6));
    if (isStartOfFrame(marker)) {
      if (seg.length < 6) fail('truncated frame header');
      const components = seg[5]!;
      if (components !== 1 && components !== 3 && components !== 4) fail(`${components} colour components`);
      const height = (seg[1]! << 8) | seg[2]!;
      const width = (seg[3]! << 8) | seg[4]!;
      if (width === 0 || height === 0) fail('image size is missing from the frame header');
      if (seg[0] !== 8) fail(`${seg[0]}-bit JPEG samples; PDF readers only decode 8-bit JPEG`);
      return { width, height, bitsPerComponent: 8, components, adobe, orientation };
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image or scan before any frame header
    pos += 2 + length;
  }
  return fail('no frame header found');
}

/** Tag 0x0112 of the first IFD of the EXIF TIFF structure; 1 when absent or unreadable. */
function exifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49; // "II" little-endian, "MM" big-endian
  const v = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = v.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = v.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return 1;
    if (v.getUint16(at, little) === 0x0112) {
      const value = v.getUint16(at + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function fail(message: string): never {
  throw new AppearanceError('APPEARANCE_IMAGE', message);
}
