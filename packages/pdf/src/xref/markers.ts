/**
 * Rebuilds the revision chain from the file's own `startxref N … %%EOF` markers, as viewers and
 * EU DSS do, for files whose /Prev chain is broken (`/Prev 0`, a /Prev pointing at nothing).
 */
import { CHAR_CLASS, latin1 } from '../bytes.js';
import { PdfError } from '../errors.js';
import { Lexer } from '../lexer.js';
import { readSectionNear } from './chain.js';
import type { ReadContext, XrefEntry, XrefSection } from './types.js';

interface Marker {
  /** Offset of the `startxref` keyword. */
  readonly at: number;
  /** The offset it names. */
  readonly value: number;
}

/**
 * Every `startxref` followed by a number and `%%EOF` whose offset holds a readable xref section
 * (tables, streams, hybrids; off by a few bytes is corrected as for the last `startxref`), one
 * section per marker, ordered by the marker's position: newest first, like `readChain`. A marker
 * whose offset leads nowhere is skipped with a warning, unless the xref table written just
 * before it reads (an update whose `startxref` was miscomputed). Throws PDF_XREF when no
 * marker leads to a section.
 */
export function readChainFromMarkers(bytes: Uint8Array, ctx: ReadContext): XrefSection[] {
  const quiet: ReadContext = { lenient: true, limits: ctx.limits, warn: () => undefined };
  const oldestFirst: XrefSection[] = [];
  const seen = new Set<number>();
  let previousMarkerEnd = 0;
  for (const marker of findMarkers(bytes)) {
    if (oldestFirst.length >= ctx.limits.maxDepth * 64) throw new PdfError('PDF_LIMIT', 'too many xref sections');
    let section = tryRead(bytes, marker.value, quiet);
    let shifted = false;
    if (section === undefined || section.offset >= marker.at) {
      const table = tableBefore(bytes, previousMarkerEnd, marker.at);
      section = table === undefined ? undefined : tryRead(bytes, table, quiet);
      if (section === undefined) {
        ctx.warn(`startxref ${marker.value} at byte ${marker.at} leads to no xref section; marker skipped`);
      } else {
        ctx.warn(`startxref ${marker.value} at byte ${marker.at} leads to no xref section; the table at byte ${section.offset} just before it is used`);
        shifted = true;
      }
    }
    previousMarkerEnd = marker.at + 9;
    if (section === undefined || seen.has(section.offset)) continue;
    seen.add(section.offset);
    // Read again with the real context so the section's own warnings are kept.
    const read = readSectionNear(bytes, section.offset, ctx);
    oldestFirst.push(shifted ? unshift(bytes, read, marker.value - read.offset, ctx) : read);
  }
  if (oldestFirst.length === 0) throw new PdfError('PDF_XREF', 'no startxref marker leads to an xref section');
  return oldestFirst.reverse();
}

/**
 * An update whose `startxref` is off by `delta` from its own table was usually written for a
 * file `delta` bytes longer (or shorter): when its offsets, moved back by `delta`, lead to their
 * objects more often than as written, the moved offsets are used (with a warning).
 */
function unshift(bytes: Uint8Array, section: XrefSection, delta: number, ctx: ReadContext): XrefSection {
  if (delta === 0) return section;
  let asWritten = 0;
  let moved = 0;
  const entries = new Map<number, XrefEntry>();
  for (const [num, e] of section.entries) {
    if (e.type !== 'offset' || num === 0) {
      entries.set(num, e);
      continue;
    }
    if (headerAt(bytes, e.offset!, num)) asWritten++;
    if (headerAt(bytes, e.offset! - delta, num)) moved++;
    entries.set(num, Object.freeze({ ...e, offset: e.offset! - delta }));
  }
  if (moved <= asWritten) return section;
  ctx.warn(`xref table at byte ${section.offset}: offsets moved by ${-delta} bytes (as its startxref is) lead to ${moved} objects instead of ${asWritten}; moved offsets used`);
  // Like a corrected startxref, the revision keeps the offset its marker names.
  return { ...section, entries, offset: section.offset + delta };
}

function headerAt(bytes: Uint8Array, offset: number, num: number): boolean {
  if (offset < 0 || offset >= bytes.length) return false;
  const lex = new Lexer(bytes, offset);
  return lex.readUInt() === num;
}

function tryRead(bytes: Uint8Array, offset: number, quiet: ReadContext): XrefSection | undefined {
  try {
    return readSectionNear(bytes, offset, quiet);
  } catch (e) {
    if (!(e instanceof PdfError) || e.code === 'PDF_LIMIT') throw e;
    return undefined; // not a section: the caller warns with the marker's position
  }
}

/** `startxref` + integer + `%%EOF` (white-space between), in file order. */
function findMarkers(bytes: Uint8Array): Marker[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Marker[] = [];
  for (let at = buf.indexOf('startxref', 0, 'latin1'); at >= 0; at = buf.indexOf('startxref', at + 9, 'latin1')) {
    const lex = new Lexer(bytes, at + 9);
    skipBlanks(lex);
    const value = lex.readUInt();
    if (value < 0) continue;
    skipBlanks(lex);
    if (latin1(bytes, lex.pos, lex.pos + 5) === '%%EOF') out.push({ at, value });
  }
  return out;
}

function skipBlanks(lex: Lexer): void {
  while (lex.peek() === 0x20 || lex.peek() === 0x0a || lex.peek() === 0x0d || lex.peek() === 0x09) lex.pos++;
}

/** The last `xref` keyword (at a token start, not the end of `startxref`) in [from, to). */
function tableBefore(bytes: Uint8Array, from: number, to: number): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = buf.lastIndexOf('xref', to - 1, 'latin1'); p >= from; p = buf.lastIndexOf('xref', p - 1, 'latin1')) {
    const before = p > 0 ? bytes[p - 1]! : 0x0a;
    if (CHAR_CLASS[before] !== 0) return p;
    if (p === 0) break;
  }
  return undefined;
}
