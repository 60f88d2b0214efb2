/**
 * Draws the visible appearance of a signature as a Form XObject (the /AP /N of the signature
 * widget): a thin frame, the signer's handwritten-signature image on the left if given, and the
 * text lines fitted to the remaining space in an embedded subset of DejaVu Sans, so PDF/A files
 * stay PDF/A and French text renders and extracts exactly.
 */
import { pdfArray, pdfDict, pdfName, pdfNumber, type PdfObject, type PdfRef } from '@paraphe/pdf';
import { colourOperation, type ColourSpace, type Rgb } from './colour.js';
import { ContentStream, hexString, literalString } from './content-stream.js';
import { AppearanceError } from './errors.js';
import { flateStream } from './flate-stream.js';
import { defaultAppearanceFont, type AppearanceFont } from './font/appearance-font.js';
import { embedType0Font } from './font/embed-type0-font.js';
import { GlyphCollector } from './font/glyph-collector.js';
import { embedImage, orientedPlacement, type AlphaHandling } from './image/embed-image.js';
import { fitText, type Paragraph } from './layout/fit-text.js';
import { addObject, type ObjectSink } from './object-sink.js';

export interface SignatureAppearanceOptions {
  /** Size of the widget rectangle, in points. */
  readonly width: number;
  readonly height: number;
  /** Text lines, e.g. from `formatAppearanceLines`; long lines wrap. */
  readonly lines: readonly string[];
  /** Optional heading drawn above the lines, slightly larger. */
  readonly title?: string;
  /** PNG or JPEG bytes of a handwritten signature, drawn on the left. */
  readonly image?: Uint8Array;
  /** Largest font size for the lines (default 10 pt); smaller sizes are used until the text fits. */
  readonly fontSize?: number;
  /** Language of the text, recorded on it for accessibility (default French). */
  readonly locale?: 'fr' | 'en';
  /** PNG transparency: `smask` (default, PDF/A-2/3) or `flatten` onto white (PDF/A-1). */
  readonly imageAlpha?: AlphaHandling;
  /** Font to draw with (default DejaVu Sans); must be TrueType. */
  readonly font?: AppearanceFont;
  /**
   * Colour space the document allows: a PDF/A file's output intent decides (/N 3: DeviceRGB,
   * the default; /N 4: DeviceCMYK; /N 1: DeviceGray). Vector colours and PNG images are converted;
   * a JPEG must be greyscale or already in that space.
   */
  readonly colourSpace?: ColourSpace;
  /**
   * The page's /Rotate (0, 90, 180, 270). `width` and `height` stay those of the widget /Rect in
   * unrotated page space; the appearance is drawn upright for the reader and turned by /Matrix.
   */
  readonly rotation?: number;
}

const DEFAULT_FONT_SIZE = 10;
const MIN_FONT_SIZE = 4;
const TITLE_SCALE = 1.1;
const BORDER_WIDTH = 0.75;
const IMAGE_SHARE = 0.4; // largest part of the width the image may take
const COLOURS: Record<'border' | 'separator' | 'title' | 'text', Rgb> = {
  border: [0.45, 0.5, 0.58],
  separator: [0.75, 0.78, 0.82],
  title: [0.11, 0.23, 0.45],
  text: [0.13, 0.13, 0.13],
};

/** Writes the appearance and its font and image to `sink`; returns the Form XObject's reference. */
export function buildSignatureAppearance(sink: ObjectSink, options: SignatureAppearanceOptions): PdfRef {
  const { width, height } = options;
  if (!(Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0)) {
    throw new AppearanceError('APPEARANCE_OPTIONS', `appearance size must be positive, got ${width} × ${height}`);
  }
  const rotation = normalizeRotation(options.rotation ?? 0);
  // Drawing happens in the reader's orientation: a quarter turn swaps the sides.
  const [w, h] = rotation % 180 === 0 ? [width, height] : [height, width];
  const font = options.font ?? defaultAppearanceFont();
  const content = new ContentStream();
  const resources = new Map<string, PdfObject>();
  const pad = Math.min(6, Math.max(2, Math.min(w, h) * 0.08));
  const space = options.colourSpace ?? 'DeviceRGB';
  const colour = (name: keyof typeof COLOURS, stroke = false) => {
    const [operator, operands] = colourOperation(space, COLOURS[name], stroke);
    content.op(operator, ...operands);
  };

  const border = Math.min(BORDER_WIDTH, Math.min(w, h) / 20);
  content.op('q').op('w', border);
  colour('border', true);
  content.op('re', border / 2, border / 2, w - border, h - border).op('S').op('Q');

  let textX = pad;
  if (options.image) {
    const image = embedImage(sink, options.image, { colourSpace: space, ...(options.imageAlpha ? { alpha: options.imageAlpha } : {}) });
    const innerH = h - 2 * pad;
    const scale = Math.max(0, Math.min((w * IMAGE_SHARE - pad) / image.width, innerH / image.height));
    const drawW = image.width * scale;
    const drawH = image.height * scale;
    const placement = orientedPlacement(image.orientation, pad, (h - drawH) / 2, drawW, drawH);
    content.op('q').op('cm', ...placement).op('Do', '/Im1').op('Q');
    resources.set('XObject', pdfDict({ Im1: image.ref }));
    const separatorX = pad * 1.5 + drawW;
    content.op('q').op('w', 0.5);
    colour('separator', true);
    content.op('m', separatorX, pad).op('l', separatorX, h - pad).op('S').op('Q');
    textX = separatorX + pad / 2;
  }

  const box = { width: w - pad - textX, height: h - 2 * pad };
  if (box.width > 0 && box.height > 0) {
    const collector = new GlyphCollector(font.widthOfGlyph(0));
    if (drawText(content, font, collector, options, textX, pad, box, colour)) {
      resources.set('Font', pdfDict({ F1: embedType0Font(sink, font, collector).ref }));
    }
  }

  return addObject(sink, flateStream({
    Type: pdfName('XObject'),
    Subtype: pdfName('Form'),
    FormType: pdfNumber(1),
    BBox: pdfArray([0, 0, w, h].map((n) => pdfNumber(n))),
    ...(rotation === 0 ? {} : { Matrix: pdfArray(rotationMatrix(rotation, w, h).map((n) => pdfNumber(n))) }),
    Resources: pdfDict(resources),
  }, content.bytes()));
}

function normalizeRotation(rotation: number): 0 | 90 | 180 | 270 {
  const r = ((rotation % 360) + 360) % 360;
  if (r !== 0 && r !== 90 && r !== 180 && r !== 270) {
    throw new AppearanceError('APPEARANCE_OPTIONS', `rotation must be a multiple of 90 degrees, got ${rotation}`);
  }
  return r;
}

/**
 * Turns the upright drawing (BBox 0 0 w h) counter-clockwise by the page rotation, which the
 * viewer undoes by turning the page clockwise; the result lands on [0 0 width height].
 */
function rotationMatrix(rotation: 90 | 180 | 270, w: number, h: number): number[] {
  if (rotation === 90) return [0, 1, -1, 0, h, 0];
  if (rotation === 180) return [-1, 0, 0, -1, w, h];
  return [0, -1, 1, 0, 0, w];
}

function drawText(
  content: ContentStream, font: AppearanceFont, collector: GlyphCollector,
  options: SignatureAppearanceOptions, x: number, bottom: number, box: { width: number; height: number },
  colour: (name: 'title' | 'text') => void,
): boolean {
  const paragraphs: Paragraph[] = options.lines.map((text) => ({ text, scale: 1, spaceAfter: 0 }));
  const hasTitle = options.title !== undefined && options.title.trim() !== '';
  if (hasTitle) paragraphs.unshift({ text: options.title!, scale: TITLE_SCALE, spaceAfter: 0.35 });
  const fitted = fitText(font, paragraphs, box, options.fontSize ?? DEFAULT_FONT_SIZE, MIN_FONT_SIZE);
  if (fitted.lines.length === 0) return false;

  const last = fitted.lines[fitted.lines.length - 1]!;
  const blockHeight = last.baseline - (font.metrics.descent / 1000) * last.fontSize;
  const top = bottom + box.height - (box.height - blockHeight) / 2; // centred vertically
  const lang = options.locale === 'en' ? 'en-CA' : 'fr-CA';
  content.op('BDC', '/Span', `<< /Lang ${literalString(lang)} >>`).op('BT');
  let current = '';
  for (const line of fitted.lines) {
    const style = `${line.fontSize}|${hasTitle && line.paragraph === 0}`;
    if (style !== current) {
      content.op('Tf', '/F1', line.fontSize);
      colour(hasTitle && line.paragraph === 0 ? 'title' : 'text');
      current = style;
    }
    content.op('Tm', 1, 0, 0, 1, x + line.indent, top - line.baseline);
    content.op('Tj', hexString(collector.encode(font.glyphs(line.text))));
  }
  content.op('ET').op('EMC');
  return true;
}
