/**
 * Minimal TrueType subsetter for PDF embedding (ISO 32000-1 §9.9): keeps the tables a PDF
 * consumer needs (head, hhea, maxp, loca, glyf, hmtx and the hinting tables cvt, fpgm, prep)
 * and only the requested glyphs, renumbered from 0 (.notdef) in request order so that CIDs can
 * map to them by identity. Written here because fontkit only encodes subsets asynchronously.
 */
import { concatAll } from '@paraphe/pki';
import { AppearanceError } from '../errors.js';

export interface TrueTypeSubset {
  readonly bytes: Uint8Array;
  /** New glyph id of every kept original glyph id (composite components included). */
  readonly newIdOf: ReadonlyMap<number, number>;
  /** Original glyph id of each glyph of the subset, by new id. */
  readonly originalIds: readonly number[];
}

const KEPT_TABLES = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'];
const REQUIRED_TABLES = ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'];

// Composite glyph component flags (OpenType 'glyf' specification).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export function subsetTrueType(font: Uint8Array, glyphIds: readonly number[]): TrueTypeSubset {
  const tables = readTableDirectory(font);
  const table = (tag: string): Uint8Array => {
    const t = tables.get(tag);
    if (!t) throw new AppearanceError('APPEARANCE_FONT', `font has no '${tag}' table`);
    return t;
  };
  const head = table('head');
  const hhea = table('hhea');
  const maxp = table('maxp');
  const longLoca = view(head).getInt16(50) === 1;
  const numGlyphs = view(maxp).getUint16(4);
  const numberOfHMetrics = view(hhea).getUint16(34);
  const loca = view(table('loca'));
  const glyf = table('glyf');
  const hmtx = view(table('hmtx'));

  const order: number[] = [];
  const newIdOf = new Map<number, number>();
  const include = (gid: number): number => {
    if (!Number.isInteger(gid) || gid < 0 || gid >= numGlyphs) {
      throw new AppearanceError('APPEARANCE_FONT', `glyph ${gid} is outside the font (${numGlyphs} glyphs)`);
    }
    let id = newIdOf.get(gid);
    if (id === undefined) {
      id = order.push(gid) - 1;
      newIdOf.set(gid, id);
    }
    return id;
  };
  include(0);
  for (const gid of glyphIds) include(gid);

  const glyphData: Uint8Array[] = [];
  // `order` grows while composite glyphs pull in their components.
  for (let i = 0; i < order.length; i++) {
    const gid = order[i]!;
    const start = longLoca ? loca.getUint32(gid * 4) : loca.getUint16(gid * 2) * 2;
    const end = longLoca ? loca.getUint32(gid * 4 + 4) : loca.getUint16(gid * 2 + 2) * 2;
    const data = copy(glyf.subarray(start, end));
    if (data.length >= 10 && view(data).getInt16(0) < 0) remapComponents(data, include);
    glyphData.push(data);
  }

  const newLoca = new Uint8Array((order.length + 1) * 4);
  const newGlyf = concatAll(glyphData.map((g) => pad4(g)));
  const newHmtx = new Uint8Array(order.length * 4);
  let offset = 0;
  order.forEach((gid, i) => {
    view(newLoca).setUint32(i * 4, offset);
    offset += pad4(glyphData[i]!).length;
    const metric = Math.min(gid, numberOfHMetrics - 1);
    const advance = hmtx.getUint16(metric * 4);
    const lsb = gid < numberOfHMetrics
      ? hmtx.getInt16(gid * 4 + 2)
      : hmtx.getInt16(numberOfHMetrics * 4 + (gid - numberOfHMetrics) * 2);
    view(newHmtx).setUint16(i * 4, advance);
    view(newHmtx).setInt16(i * 4 + 2, lsb);
  });
  view(newLoca).setUint32(order.length * 4, offset);

  const newHead = copy(head);
  view(newHead).setUint32(8, 0); // checkSumAdjustment, computed over the whole file below
  view(newHead).setInt16(50, 1); // long loca offsets
  const newHhea = copy(hhea);
  view(newHhea).setUint16(34, order.length);
  const newMaxp = copy(maxp);
  view(newMaxp).setUint16(4, order.length);

  const out = new Map<string, Uint8Array>(
    [...tables].filter(([tag]) => KEPT_TABLES.includes(tag)),
  );
  out.set('head', newHead).set('hhea', newHhea).set('maxp', newMaxp);
  out.set('loca', newLoca).set('glyf', newGlyf).set('hmtx', newHmtx);
  return { bytes: writeFont(out), newIdOf, originalIds: order };
}

function remapComponents(data: Uint8Array, include: (gid: number) => number): void {
  const v = view(data);
  let pos = 10;
  for (;;) {
    const flags = v.getUint16(pos);
    v.setUint16(pos + 2, include(v.getUint16(pos + 2)));
    pos += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) pos += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) pos += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) pos += 8;
    if (!(flags & MORE_COMPONENTS)) return;
    if (pos + 4 > data.length) throw new AppearanceError('APPEARANCE_FONT', 'truncated composite glyph');
  }
}

function readTableDirectory(font: Uint8Array): Map<string, Uint8Array> {
  if (font.length < 12) throw new AppearanceError('APPEARANCE_FONT', 'font file is too short');
  const v = view(font);
  const version = v.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) {
    throw new AppearanceError('APPEARANCE_FONT', 'not a TrueType (glyf) font: CFF and collections are not supported');
  }
  const tables = new Map<string, Uint8Array>();
  const count = v.getUint16(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(rec, rec + 4));
    const offset = v.getUint32(rec + 8);
    const length = v.getUint32(rec + 12);
    if (offset + length > font.length) throw new AppearanceError('APPEARANCE_FONT', `table '${tag}' is truncated`);
    tables.set(tag, font.subarray(offset, offset + length));
  }
  for (const tag of REQUIRED_TABLES) {
    if (!tables.has(tag)) throw new AppearanceError('APPEARANCE_FONT', `font has no '${tag}' table`);
  }
  return tables;
}

function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const header = new Uint8Array(12 + n * 16);
  const hv = view(header);
  hv.setUint32(0, 0x00010000);
  hv.setUint16(4, n);
  hv.setUint16(6, searchRange);
  hv.setUint16(8, entrySelector);
  hv.setUint16(10, n * 16 - searchRange);
  let offset = header.length;
  const bodies: Uint8Array[] = [];
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) header[rec + k] = tag.charCodeAt(k);
    hv.setUint32(rec + 4, checksum(pad4(data)));
    hv.setUint32(rec + 8, offset);
    hv.setUint32(rec + 12, data.length);
    const padded = pad4(data);
    bodies.push(padded);
    offset += padded.length;
  });
  const file = concatAll([header, ...bodies]);
  const headOffset = hv.getUint32(12 + tags.indexOf('head') * 16 + 8);
  view(file).setUint32(headOffset + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}

function checksum(data: Uint8Array): number {
  const v = view(data);
  let sum = 0;
  for (let i = 0; i + 4 <= data.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

function pad4(data: Uint8Array): Uint8Array {
  if (data.length % 4 === 0) return data;
  const out = new Uint8Array(data.length + 4 - (data.length % 4));
  out.set(data);
  return out;
}

/** A copy even when given a Node Buffer, whose slice() shares memory with the font file. */
function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
