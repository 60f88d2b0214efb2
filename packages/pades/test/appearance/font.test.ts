import fontkit from '@pdf-lib/fontkit';
import { describe, expect, test } from 'vitest';
import { defaultAppearanceFont, formatAppearanceLines } from '../../src/appearance/index.js';
import { subsetTrueType } from '../../src/appearance/font/subset-truetype.js';
import { entry, itemsOf, nameOf, numberOf, objectsOfType, resolve, streamData } from './helpers/inspect.js';
import { appearancePdf } from './helpers/render-appearance.js';
import type { PdfObject } from '@paraphe/pdf';

const font = defaultAppearanceFont();
const FRENCH = 'Signé numériquement par Émilie Côté-Lœuvre « Zonage » — l’été, à Québec : ÇÀÉÈÊËÎÏÔÙÛÜŸ';

function gidsOf(text: string): number[] {
  return [...new Set(font.glyphs(text).map((g) => g.gid))];
}

describe('subsetTrueType', () => {
  test('keeps each requested glyph with its outline and advance, renumbered from 1 after .notdef', () => {
    const gids = gidsOf(FRENCH);
    const subset = subsetTrueType(font.bytes, gids);
    const parsed = fontkit.create(subset.bytes);
    const original = fontkit.create(font.bytes);
    expect(subset.newIdOf.get(0)).toBe(0);
    gids.forEach((gid, i) => expect(subset.newIdOf.get(gid)).toBe(i + 1));
    expect(parsed.numGlyphs).toBe(subset.newIdOf.size);
    for (const gid of gids) {
      const a = original.getGlyph(gid);
      const b = parsed.getGlyph(subset.newIdOf.get(gid)!);
      expect(b.advanceWidth).toBe(a.advanceWidth);
      expect(b.path.toSVG()).toBe(a.path.toSVG()); // composites resolved through remapped components
    }
  });

  test('follows composite glyphs to their components', () => {
    const gids = gidsOf('ÉÇœ«»—’');
    const subset = subsetTrueType(font.bytes, gids);
    expect(subset.newIdOf.size).toBeGreaterThan(gids.length + 1);
  });

  test('writes valid table checksums and the head checksum adjustment', () => {
    const { bytes } = subsetTrueType(font.bytes, gidsOf('Paraphe'));
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let sum = 0;
    for (let i = 0; i < bytes.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
    const tags = Array.from({ length: v.getUint16(4) }, (_, i) => String.fromCharCode(...bytes.subarray(12 + i * 16, 16 + i * 16)));
    expect(tags).toEqual(['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep']);
  });

  test('leaves the source font untouched', () => {
    const before = Buffer.from(font.bytes).toString('base64');
    subsetTrueType(font.bytes, gidsOf('abc'));
    expect(Buffer.from(font.bytes).toString('base64')).toBe(before);
  });

  test('refuses what is not a TrueType font with APPEARANCE_FONT', () => {
    expect(() => subsetTrueType(new TextEncoder().encode('OTTO and more bytes here'), [1]))
      .toThrowError(expect.objectContaining({ code: 'APPEARANCE_FONT' }));
    expect(() => subsetTrueType(font.bytes, [1_000_000])).toThrowError(expect.objectContaining({ code: 'APPEARANCE_FONT' }));
  });
});

describe('embedded Type0 font (what PDF/A asks of it)', () => {
  const lines = formatAppearanceLines({
    signerName: 'Émilie Côté-Lœuvre', date: new Date('2026-12-03T21:00:00Z'), timeZone: 'America/Toronto',
    reason: 'Approbation du règlement nº 2026-14', location: 'Hôtel de ville, Saint-Lin', levelOfAssurance: 'Signature qualifiée',
  });
  const r = appearancePdf({ width: 300, height: 90, lines, title: 'Greffe — Ville de Saint-Lin' });
  const get = (o: PdfObject | undefined) => resolve(r.sink, o);
  const type0 = objectsOfType(r.sink, 'Type0')[0]!;
  const cidFont = get(itemsOf(entry(type0, 'DescendantFonts'))[0]);
  const descriptor = get(entry(cidFont, 'FontDescriptor'));
  const fontFile = get(entry(descriptor, 'FontFile2'));
  const program = streamData(fontFile);

  test('Type0 / Identity-H over a CIDFontType2 with /CIDToGIDMap /Identity and a subset name', () => {
    expect(nameOf(entry(type0, 'Encoding'))).toBe('Identity-H');
    expect(nameOf(entry(cidFont, 'Subtype'))).toBe('CIDFontType2');
    expect(nameOf(entry(cidFont, 'CIDToGIDMap'))).toBe('Identity');
    expect(nameOf(entry(type0, 'BaseFont'))).toMatch(/^[A-Z]{6}\+DejaVuSans$/);
    expect(nameOf(entry(cidFont, 'BaseFont'))).toBe(nameOf(entry(type0, 'BaseFont')));
    expect(nameOf(entry(descriptor, 'FontName'))).toBe(nameOf(entry(type0, 'BaseFont')));
  });

  test('the descriptor has flags, bbox, ascent, descent, cap height, italic angle and stem width', () => {
    for (const key of ['Flags', 'FontBBox', 'ItalicAngle', 'Ascent', 'Descent', 'CapHeight', 'StemV']) {
      expect(entry(descriptor, key), key).toBeDefined();
    }
    expect(numberOf(entry(descriptor, 'Ascent'))).toBeGreaterThan(0);
    expect(numberOf(entry(descriptor, 'Descent'))).toBeLessThan(0);
    expect(numberOf(entry(descriptor, 'Flags')) & 32).toBe(32);
  });

  test('/W gives every CID the advance its glyph has in the embedded program', () => {
    const parsed = fontkit.create(program);
    const w = itemsOf(entry(cidFont, 'W'));
    expect(numberOf(w[0])).toBe(0);
    const widths = itemsOf(w[1]).map((n) => numberOf(n));
    expect(widths).toHaveLength(parsed.numGlyphs);
    widths.forEach((width, cid) => expect(width).toBe(Math.round((parsed.getGlyph(cid).advanceWidth * 1000) / parsed.unitsPerEm)));
    expect(numberOf(entry(fontFile, 'Length1'))).toBe(program.length);
  });

  test('/CIDSet marks exactly the CIDs present', () => {
    const bits = streamData(get(entry(descriptor, 'CIDSet')));
    const count = fontkit.create(program).numGlyphs;
    const set = Array.from({ length: bits.length * 8 }, (_, cid) => (bits[cid >> 3]! >> (7 - (cid & 7))) & 1);
    expect(set.slice(0, count).every((b) => b === 1)).toBe(true);
    expect(set.slice(count).every((b) => b === 0)).toBe(true);
  });

  test('a typical signature block subsets the font to a few kilobytes', () => {
    expect(program.length).toBeLessThan(20_000);
    expect(fontFile.kind === 'stream' && fontFile.raw.length).toBeLessThan(12_000);
    console.info(`subset font program: ${program.length} bytes, ${fontFile.kind === 'stream' ? fontFile.raw.length : 0} compressed`);
  });
});
