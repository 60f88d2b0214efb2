/** Builds an appearance, wraps it in a one-page PDF and writes it to a temporary folder. */
import { buildSignatureAppearance, type SignatureAppearanceOptions } from '../../../src/appearance/index.js';
import type { PdfRef } from '@paraphe/pdf';
import { MemorySink } from './memory-sink.js';
import { pdfWithXObject, type Placement } from './minimal-pdf.js';
import { tempDir, writeTemp } from './tools.js';

/** The box sits at (50, 50) on a 400 × 200 pt page, so at 72 dpi 1 pt = 1 pixel. */
export const PAGE: Omit<Placement, 'x' | 'y'> = { pageWidth: 400, pageHeight: 200 };
export const ORIGIN = { x: 50, y: 50 };

export interface RenderedAppearance {
  readonly sink: MemorySink;
  readonly ref: PdfRef;
  readonly path: string;
  readonly pdf: Uint8Array;
  /** The box in raster pixels at 72 dpi (top-left origin). */
  readonly box: { x0: number; y0: number; x1: number; y1: number };
}

export function appearancePdf(options: SignatureAppearanceOptions): RenderedAppearance {
  const sink = new MemorySink();
  const ref = buildSignatureAppearance(sink, options);
  const pdf = pdfWithXObject(sink, ref, { ...PAGE, ...ORIGIN });
  const path = writeTemp(tempDir(), 'appearance.pdf', pdf);
  const top = PAGE.pageHeight - ORIGIN.y - options.height;
  return {
    sink, ref, path, pdf,
    box: { x0: ORIGIN.x, y0: top, x1: ORIGIN.x + options.width, y1: top + options.height },
  };
}
