/**
 * Reads from a document what its visible signatures must respect: the colour space its PDF/A
 * output intent allows, whether it is PDF/A-1 (no transparency: PNG alpha is flattened), and the
 * page's /Rotate (so the appearance is drawn upright). Spread the result into the options of
 * `buildSignatureAppearance`.
 */
import { decodeStream, type PdfDict, type PdfDocument, type PdfObject } from '@paraphe/pdf';
import type { ColourSpace } from './colour.js';
import type { AlphaHandling } from './image/embed-image.js';

export interface AppearanceConstraints {
  readonly colourSpace: ColourSpace;
  readonly imageAlpha: AlphaHandling;
  readonly rotation: number;
  /** PDF/A part claimed in the XMP metadata (1, 2, 3, 4), if any. */
  readonly pdfaPart: number | undefined;
}

const SPACE_BY_COMPONENTS: Record<number, ColourSpace> = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' };
const MAX_PAGE_TREE_DEPTH = 64;

export function appearanceConstraintsFor(doc: PdfDocument, pageIndex: number): AppearanceConstraints {
  const catalog = doc.catalog();
  const pdfaPart = claimedPdfaPart(doc, catalog);
  const page = doc.pages()[pageIndex];
  return {
    colourSpace: outputIntentSpace(doc, catalog),
    imageAlpha: pdfaPart === 1 ? 'flatten' : 'smask',
    rotation: page ? inheritedRotation(doc, page.dict) : 0,
    pdfaPart,
  };
}

/** The PDF/A output intent's profile has /N components; without one, any space is fine: RGB. */
function outputIntentSpace(doc: PdfDocument, catalog: PdfDict): ColourSpace {
  const intents = doc.resolve(catalog.entries.get('OutputIntents'));
  if (intents?.kind !== 'array') return 'DeviceRGB';
  for (const item of intents.items) {
    const intent = asDict(doc.resolve(item));
    if (!intent || name(intent.entries.get('S')) !== 'GTS_PDFA1') continue;
    const profile = doc.resolve(intent.entries.get('DestOutputProfile'));
    const n = profile?.kind === 'stream' ? doc.resolve(profile.dict.entries.get('N')) : undefined;
    if (n?.kind === 'number') return SPACE_BY_COMPONENTS[n.value] ?? 'DeviceRGB';
  }
  return 'DeviceRGB';
}

/** `pdfaid:part` from the catalog's XMP packet, as an attribute or as an element. */
function claimedPdfaPart(doc: PdfDocument, catalog: PdfDict): number | undefined {
  const metadata = doc.resolve(catalog.entries.get('Metadata'));
  if (metadata?.kind !== 'stream') return undefined;
  let xmp: string;
  try {
    xmp = new TextDecoder().decode(decodeStream(metadata, doc));
  } catch (cause) {
    doc.warn(`XMP metadata could not be decoded: ${(cause as Error).message}`);
    return undefined;
  }
  const m = /pdfaid:part\s*=\s*["'](\d)["']|<pdfaid:part>\s*(\d)\s*<\/pdfaid:part>/.exec(xmp);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** /Rotate is inheritable (ISO 32000-1 §7.7.3.4): the nearest one up the page tree applies. */
function inheritedRotation(doc: PdfDocument, page: PdfDict): number {
  let node: PdfDict | undefined = page;
  for (let depth = 0; node && depth < MAX_PAGE_TREE_DEPTH; depth++) {
    const rotate = doc.resolve(node.entries.get('Rotate'));
    if (rotate?.kind === 'number') {
      const r = ((Math.round(rotate.value / 90) * 90) % 360 + 360) % 360;
      return r;
    }
    node = asDict(doc.resolve(node.entries.get('Parent')));
  }
  return 0;
}

function asDict(obj: PdfObject | undefined): PdfDict | undefined {
  return obj?.kind === 'dict' ? obj : undefined;
}

function name(obj: PdfObject | undefined): string | undefined {
  return obj?.kind === 'name' ? obj.value : undefined;
}
