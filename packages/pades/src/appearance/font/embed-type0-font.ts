/**
 * Embeds the glyphs an appearance used as a subset TrueType font: Type0 / CIDFontType2 /
 * Identity-H with /FontFile2, /W widths, a FontDescriptor, a /CIDSet and a /ToUnicode CMap —
 * what PDF/A-1, -2 and -3 require of a font (ISO 19005-2 §6.2.11).
 */
import { createHash } from 'node:crypto';
import {
  pdfArray, pdfDict, pdfName, pdfNumber, pdfString,
  type PdfObject, type PdfRef,
} from '@paraphe/pdf';
import { flateStream } from '../flate-stream.js';
import { AppearanceError } from '../errors.js';
import { addObject, type ObjectSink } from '../object-sink.js';
import type { AppearanceFont } from './appearance-font.js';
import type { CollectedGlyph, GlyphCollector } from './glyph-collector.js';
import { subsetTrueType } from './subset-truetype.js';
import { toUnicodeCMap } from './to-unicode-cmap.js';

export interface EmbeddedFont {
  readonly ref: PdfRef;
  /** Size of the subset font program before compression, in bytes. */
  readonly subsetBytes: number;
}

export function embedType0Font(sink: ObjectSink, font: AppearanceFont, collector: GlyphCollector): EmbeddedFont {
  const glyphs = collector.glyphs();
  const subset = subsetTrueType(font.bytes, glyphs.slice(1).map((g) => g.gid));
  for (const g of glyphs) {
    if (subset.newIdOf.get(g.gid) !== g.cid) {
      throw new AppearanceError('APPEARANCE_FONT', `subset numbered glyph ${g.gid} differently from its CID ${g.cid}`);
    }
  }
  const baseFont = `${subsetTag(glyphs)}+${font.postscriptName}`;
  const m = font.metrics;

  const fontFile = addObject(sink, flateStream({ Length1: pdfNumber(subset.bytes.length) }, subset.bytes));
  // Components of composite glyphs are in the program too: CIDSet and /W cover them as well.
  const cidSet = addObject(sink, flateStream({}, cidSetBits(subset.originalIds.length)));
  const descriptor = addObject(sink, pdfDict({
    Type: pdfName('FontDescriptor'),
    FontName: pdfName(baseFont),
    Flags: pdfNumber(m.flags),
    FontBBox: numbers(m.bbox),
    ItalicAngle: pdfNumber(m.italicAngle),
    Ascent: pdfNumber(m.ascent),
    Descent: pdfNumber(m.descent),
    CapHeight: pdfNumber(m.capHeight),
    StemV: pdfNumber(m.stemV),
    FontFile2: fontFile,
    CIDSet: cidSet,
  }));
  const cidFont = addObject(sink, pdfDict({
    Type: pdfName('Font'),
    Subtype: pdfName('CIDFontType2'),
    BaseFont: pdfName(baseFont),
    CIDSystemInfo: pdfDict({
      Registry: pdfString('Adobe'),
      Ordering: pdfString('Identity'),
      Supplement: pdfNumber(0),
    }),
    FontDescriptor: descriptor,
    DW: pdfNumber(glyphs[0]!.width),
    W: pdfArray([pdfNumber(0), numbers(subset.originalIds.map((gid) => font.widthOfGlyph(gid)))]),
    CIDToGIDMap: pdfName('Identity'),
  }));
  const toUnicode = addObject(sink, flateStream({}, toUnicodeCMap(glyphs)));
  const ref = addObject(sink, pdfDict({
    Type: pdfName('Font'),
    Subtype: pdfName('Type0'),
    BaseFont: pdfName(baseFont),
    Encoding: pdfName('Identity-H'),
    DescendantFonts: pdfArray([cidFont]),
    ToUnicode: toUnicode,
  }));
  return { ref, subsetBytes: subset.bytes.length };
}

/** Six capital letters derived from the glyph set, so equal subsets get equal names (§9.6.4). */
function subsetTag(glyphs: readonly CollectedGlyph[]): string {
  const digest = createHash('sha256').update(glyphs.map((g) => g.gid).join(',')).digest();
  return [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** CIDSet: one bit per CID, most significant bit first; all CIDs 0…n-1 are present. */
function cidSetBits(count: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(count / 8));
  for (let cid = 0; cid < count; cid++) bits[cid >> 3]! |= 0x80 >> (cid & 7);
  return bits;
}

function numbers(values: readonly number[]): PdfObject {
  return pdfArray(values.map((v) => pdfNumber(v)));
}
