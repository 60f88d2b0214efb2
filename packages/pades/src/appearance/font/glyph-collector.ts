/**
 * Collects the glyphs one appearance draws and encodes text for an Identity-H Type0 font:
 * each distinct glyph gets the next CID (1, 2, …; .notdef is CID 0), in the order the subsetter
 * will number it, so the embedded CIDFont can use /CIDToGIDMap /Identity.
 */
import type { PlacedGlyph } from './appearance-font.js';

export interface CollectedGlyph {
  readonly cid: number;
  readonly gid: number;
  readonly text: string;
  readonly width: number;
}

export class GlyphCollector {
  private readonly byGid = new Map<number, CollectedGlyph>();

  constructor(notdefWidth: number) {
    this.byGid.set(0, { cid: 0, gid: 0, text: '\ufffd', width: notdefWidth });
  }

  /** Two bytes per glyph, big-endian CIDs, ready for a hex string in a content stream. */
  encode(glyphs: readonly PlacedGlyph[]): Uint8Array {
    const out = new Uint8Array(glyphs.length * 2);
    glyphs.forEach((g, i) => {
      let c = this.byGid.get(g.gid);
      if (!c) {
        c = { cid: this.byGid.size, gid: g.gid, text: g.text, width: g.width };
        this.byGid.set(g.gid, c);
      }
      out[i * 2] = c.cid >> 8;
      out[i * 2 + 1] = c.cid & 0xff;
    });
    return out;
  }

  /** Collected glyphs by ascending CID (CID 0, .notdef, first). */
  glyphs(): CollectedGlyph[] {
    return [...this.byGid.values()].sort((a, b) => a.cid - b.cid);
  }
}
