/**
 * The font appearance text is drawn with: DejaVu Sans by default (free licence, full French and
 * wide Unicode coverage), parsed with fontkit for character-to-glyph lookup and metrics. Text
 * maps one code point to one glyph (no shaping) so that every glyph extracts back to exactly
 * the character it came from.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type fontkitModule from '@pdf-lib/fontkit';
import { AppearanceError } from '../errors.js';

/** One drawn glyph: its id in the full font, the text it stands for, its advance in 1/1000 em. */
export interface PlacedGlyph {
  readonly gid: number;
  readonly text: string;
  readonly width: number;
}

/** Font-wide metrics in PDF glyph space (1/1000 em), as a FontDescriptor needs them. */
export interface FontMetrics {
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly stemV: number;
  readonly flags: number;
  readonly bbox: readonly [number, number, number, number];
}

/** What a missing character is drawn as, so it stays visible (and extracts as U+FFFD). */
const REPLACEMENT = 0xfffd;

// FontDescriptor flags (ISO 32000-1 §9.8.2).
const FIXED_PITCH = 1;
const NONSYMBOLIC = 32;
const ITALIC = 64;

type FontkitFont = ReturnType<typeof fontkitModule.create>;

let fontkitLoaded: typeof fontkitModule | undefined;

/**
 * fontkit, loaded on first use: only visible appearances need it, and importing it costs about
 * 300 ms, which every CLI command and validation would otherwise pay at start-up.
 */
function fontkit(): typeof fontkitModule {
  if (!fontkitLoaded) {
    const loaded = createRequire(import.meta.url)('@pdf-lib/fontkit') as typeof fontkitModule & { default?: typeof fontkitModule };
    fontkitLoaded = loaded.default ?? loaded;
  }
  return fontkitLoaded;
}

export class AppearanceFont {
  readonly bytes: Uint8Array;
  readonly postscriptName: string;
  readonly metrics: FontMetrics;
  private readonly font: FontkitFont;
  private readonly scale: number;
  private readonly fallback: PlacedGlyph;

  private constructor(bytes: Uint8Array, font: FontkitFont) {
    this.bytes = bytes;
    this.font = font;
    this.scale = 1000 / font.unitsPerEm;
    this.postscriptName = (font.postscriptName ?? 'Embedded').replace(/[^A-Za-z0-9-]/g, '');
    this.metrics = readMetrics(font, this.scale);
    const replacementCp = font.hasGlyphForCodePoint(REPLACEMENT) ? REPLACEMENT : 0x3f;
    const g = font.glyphForCodePoint(replacementCp);
    this.fallback = { gid: g.id, text: String.fromCodePoint(REPLACEMENT), width: this.round(g.advanceWidth) };
  }

  /** Parses a TrueType font file; throws `APPEARANCE_FONT` when fontkit cannot read it. */
  static fromBytes(bytes: Uint8Array): AppearanceFont {
    let font: FontkitFont;
    try {
      font = fontkit().create(bytes);
    } catch (cause) {
      throw new AppearanceError('APPEARANCE_FONT', 'cannot parse the appearance font', { cause });
    }
    if (!('glyf' in (font as unknown as { directory: { tables: object } }).directory.tables)) {
      throw new AppearanceError('APPEARANCE_FONT', 'the appearance font must have TrueType outlines');
    }
    return new AppearanceFont(bytes, font);
  }

  /** Glyphs for `text` (normalised to NFC), a visible replacement for characters the font lacks. */
  glyphs(text: string): PlacedGlyph[] {
    const out: PlacedGlyph[] = [];
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      if (!this.font.hasGlyphForCodePoint(cp)) {
        out.push(this.fallback);
        continue;
      }
      const g = this.font.glyphForCodePoint(cp);
      out.push({ gid: g.id, text: ch, width: this.round(g.advanceWidth) });
    }
    return out;
  }

  /** Advance width of `text` in points at `fontSize`, exactly as a viewer will lay it out. */
  widthOf(text: string, fontSize: number): number {
    let total = 0;
    for (const g of this.glyphs(text)) total += g.width;
    return (total * fontSize) / 1000;
  }

  /** Width of a glyph id in 1/1000 em (for .notdef and composite parts). */
  widthOfGlyph(gid: number): number {
    return this.round(this.font.getGlyph(gid).advanceWidth);
  }

  private round(fontUnits: number): number {
    return Math.round(fontUnits * this.scale);
  }
}

function readMetrics(font: FontkitFont, scale: number): FontMetrics {
  const os2 = font['OS/2'] as unknown as { usWeightClass?: number; sCapHeight?: number };
  const capHeight = os2.sCapHeight ?? font.glyphForCodePoint(0x48).bbox.maxY; // 'H'
  const weight = os2.usWeightClass ?? 400;
  const b = font.bbox;
  const flags = (font.post.isFixedPitch ? FIXED_PITCH : 0) | NONSYMBOLIC | (font.italicAngle !== 0 ? ITALIC : 0);
  return {
    ascent: Math.round(font.ascent * scale),
    descent: Math.round(font.descent * scale),
    capHeight: Math.round(capHeight * scale),
    italicAngle: font.italicAngle,
    // Fonts do not record a stem width; this is the usual estimate from the weight class.
    stemV: Math.round(50 + (weight / 65) ** 2),
    flags,
    bbox: [b.minX, b.minY, b.maxX, b.maxY].map((v) => Math.round(v * scale)) as unknown as FontMetrics['bbox'],
  };
}

let dejaVuSans: AppearanceFont | undefined;

/** DejaVu Sans from the `dejavu-fonts-ttf` package, parsed once (fonts are read-only data). */
export function defaultAppearanceFont(): AppearanceFont {
  if (!dejaVuSans) {
    let bytes: Uint8Array;
    try {
      const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
      const file = readFileSync(join(dirname(pkg), 'ttf', 'DejaVuSans.ttf'));
      bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength); // Uint8Array, not Buffer, semantics
    } catch (cause) {
      throw new AppearanceError('APPEARANCE_FONT', 'DejaVu Sans not found (is dejavu-fonts-ttf installed?)', { cause });
    }
    dejaVuSans = AppearanceFont.fromBytes(bytes);
  }
  return dejaVuSans;
}
