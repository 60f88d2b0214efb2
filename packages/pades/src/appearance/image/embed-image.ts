/**
 * Embeds a signature image as an image XObject: JPEG bytes pass through (DCTDecode); PNG is
 * decoded, converted to the document's colour space and re-compressed with its alpha channel as
 * a /SMask, or composited onto white for PDF/A-1 files, which forbid transparency.
 */
import { pdfArray, pdfName, pdfNumber, type PdfObject, type PdfRef } from '@paraphe/pdf';
import { AppearanceError } from '../errors.js';
import { flateStream, rawStream } from '../flate-stream.js';
import { convertSamples, type ColourSpace } from '../colour.js';
import { addObject, type ObjectSink } from '../object-sink.js';
import { decodePng, isPng, type DecodedImage } from './decode-png.js';
import { isJpeg, readJpegHeader } from './read-jpeg-header.js';

export interface EmbeddedImage {
  readonly ref: PdfRef;
  /** Size as viewed (after the EXIF orientation is applied). */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1–8 to apply when drawing (always 1 for PNG). */
  readonly orientation: number;
}

/** `smask` keeps PNG transparency (PDF/A-2/3); `flatten` paints it onto white (PDF/A-1). */
export type AlphaHandling = 'smask' | 'flatten';

const JPEG_COLOUR_SPACES = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' } as const;

export interface ImageOptions {
  readonly alpha?: AlphaHandling;
  /** Colour space the document allows (see colour.ts); default DeviceRGB. */
  readonly colourSpace?: ColourSpace;
}

export function embedImage(sink: ObjectSink, bytes: Uint8Array, options: ImageOptions = {}): EmbeddedImage {
  const space = options.colourSpace ?? 'DeviceRGB';
  if (isJpeg(bytes)) return embedJpeg(sink, bytes, space);
  if (isPng(bytes)) return embedPng(sink, decodePng(bytes), options.alpha ?? 'smask', space);
  throw new AppearanceError('APPEARANCE_IMAGE', 'the signature image must be a PNG or JPEG file');
}

function embedJpeg(sink: ObjectSink, bytes: Uint8Array, space: ColourSpace): EmbeddedImage {
  const h = readJpegHeader(bytes);
  const jpegSpace = JPEG_COLOUR_SPACES[h.components];
  // A JPEG is passed through, not re-encoded, so it must already be grey or in the document's space.
  if (jpegSpace !== 'DeviceGray' && jpegSpace !== space) {
    throw new AppearanceError('APPEARANCE_IMAGE', `a ${jpegSpace} JPEG cannot be used where ${space} is required; use a PNG or a greyscale JPEG`);
  }
  const entries: Record<string, PdfObject> = {
    ...imageEntries(h.width, h.height, JPEG_COLOUR_SPACES[h.components]),
    BitsPerComponent: pdfNumber(h.bitsPerComponent),
    Filter: pdfName('DCTDecode'),
  };
  if (h.components === 4 && h.adobe) entries.Decode = pdfArray([1, 0, 1, 0, 1, 0, 1, 0].map((n) => pdfNumber(n)));
  const quarterTurn = h.orientation >= 5; // orientations 5–8 swap width and height
  return {
    ref: addObject(sink, rawStream(entries, bytes)),
    width: quarterTurn ? h.height : h.width,
    height: quarterTurn ? h.width : h.height,
    orientation: h.orientation,
  };
}

function embedPng(sink: ObjectSink, image: DecodedImage, alpha: AlphaHandling, space: ColourSpace): EmbeddedImage {
  const { width, height } = image;
  let pixels = image.pixels;
  if (image.alpha && alpha === 'flatten') pixels = onWhite(pixels, image.alpha, image.colorSpace === 'DeviceRGB' ? 3 : 1);
  const converted = convertSamples(pixels, image.colorSpace, space);
  pixels = converted.pixels;
  const entries: Record<string, PdfObject> = imageEntries(width, height, converted.colorSpace);
  if (image.alpha && alpha === 'smask') entries.SMask = addObject(sink, flateStream(imageEntries(width, height, 'DeviceGray'), image.alpha));
  return { ref: addObject(sink, flateStream(entries, pixels)), width, height, orientation: 1 };
}

/**
 * The `cm` matrix that draws the image's unit square upright into the box (x, y, w, h), for each
 * EXIF orientation: 1 as stored, 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 turned
 * 90° clockwise, 7 transversed, 8 turned 90° counter-clockwise.
 */
export function orientedPlacement(orientation: number, x: number, y: number, w: number, h: number): number[] {
  switch (orientation) {
    case 2: return [-w, 0, 0, h, x + w, y];
    case 3: return [-w, 0, 0, -h, x + w, y + h];
    case 4: return [w, 0, 0, -h, x, y + h];
    case 5: return [0, -h, -w, 0, x + w, y + h];
    case 6: return [0, -h, w, 0, x, y + h];
    case 7: return [0, h, w, 0, x, y];
    case 8: return [0, h, -w, 0, x + w, y];
    default: return [w, 0, 0, h, x, y];
  }
}

function imageEntries(width: number, height: number, colorSpace: string): Record<string, PdfObject> {
  return {
    Type: pdfName('XObject'),
    Subtype: pdfName('Image'),
    Width: pdfNumber(width),
    Height: pdfNumber(height),
    ColorSpace: pdfName(colorSpace),
    BitsPerComponent: pdfNumber(8),
  };
}

function onWhite(pixels: Uint8Array, alpha: Uint8Array, colours: number): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const a = alpha[Math.floor(i / colours)]!;
    out[i] = Math.round((pixels[i]! * a + 255 * (255 - a)) / 255);
  }
  return out;
}
