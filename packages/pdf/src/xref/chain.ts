/**
 * Follows the xref chain from the last `startxref` through /Prev (cycle-safe) and groups the
 * sections into revisions. Hybrid files: a table's /XRefStm entries complement that same
 * section (they fill objects the table leaves absent or free). Linearized files: the first-page
 * section and the main section it points to (physically *after* it) form one logical revision.
 */
import { CHAR_CLASS, isDigit, lastIndexOf, latin1, matchAt } from '../bytes.js';
import { PdfError } from '../errors.js';
import { Lexer } from '../lexer.js';
import { readXrefStream } from './stream.js';
import { readXrefTable } from './table.js';
import type { ReadContext, Revision, XrefEntry, XrefSection } from './types.js';

/**
 * The offset given by the last `startxref` of the file, or undefined. Strict mode also requires
 * `%%EOF` right after the number.
 */
export function findStartxref(bytes: Uint8Array, strict = false): number | undefined {
  const at = lastIndexOf(bytes, 'startxref');
  if (at < 0) return undefined;
  const lex = new Lexer(bytes, at + 9);
  while (lex.peek() >= 0 && lex.peek() !== 0x25 && (lex.peek() === 0x20 || lex.peek() === 0x0a || lex.peek() === 0x0d || lex.peek() === 0x09)) lex.pos++;
  const v = lex.readUInt();
  if (v < 0) return undefined;
  if (strict) {
    while (lex.peek() === 0x20 || lex.peek() === 0x0a || lex.peek() === 0x0d || lex.peek() === 0x09) lex.pos++;
    if (!(lex.peek() === 0x25 && lex.peek(1) === 0x25 && lex.peek(2) === 0x45)) return undefined;
  }
  return v;
}

export function readSection(bytes: Uint8Array, offset: number, ctx: ReadContext): XrefSection {
  if (offset < 0 || offset >= bytes.length) throw new PdfError('PDF_XREF', `xref offset ${offset} is outside the file`);
  const lex = new Lexer(bytes, offset);
  lex.skipWs();
  if (lex.pos !== offset) ctx.warn(`xref offset ${offset} points at white-space before the section`);
  if (lex.isKeyword('xref')) {
    const t = readXrefTable(bytes, lex.pos, ctx);
    const stm = t.trailer.entries.get('XRefStm');
    if (stm?.kind === 'number' && stm.isInt) {
      const s = readXrefStream(bytes, stm.value, ctx);
      const entries = new Map(t.entries);
      for (const [num, e] of s.entries) {
        const mine = entries.get(num);
        if (mine === undefined || mine.type === 'free') entries.set(num, e);
      }
      return { offset, kind: 'hybrid', trailer: t.trailer, entries, end: t.end };
    }
    return { offset, kind: 'table', trailer: t.trailer, entries: t.entries, end: t.end };
  }
  if (lex.peek() >= 0x30 && lex.peek() <= 0x39) {
    const s = readXrefStream(bytes, lex.pos, ctx);
    return { offset, kind: 'stream', trailer: s.dict, entries: s.entries, end: s.end };
  }
  throw new PdfError('PDF_XREF', `no xref section at byte ${offset} (found '${latin1(bytes, offset, Math.min(bytes.length, offset + 12))}')`);
}

/** How far from a wrong offset lenient mode looks for the section it meant. */
const NEAR = 64;

/**
 * Lenient mode: an offset that misses its section by a few bytes (a common writer bug) is
 * corrected to the nearest readable section within {@link NEAR} bytes, with a warning.
 */
export function readSectionNear(bytes: Uint8Array, offset: number, ctx: ReadContext): XrefSection {
  try {
    return readSection(bytes, offset, ctx);
  } catch (e) {
    if (!ctx.lenient || !(e instanceof PdfError) || e.code === 'PDF_LIMIT') throw e;
    const candidates: number[] = [];
    const from = Math.max(0, offset - NEAR);
    const to = Math.min(bytes.length, offset + NEAR);
    for (let p = from; p < to; p++) {
      if (p === offset) continue;
      const c = bytes[p];
      const prev = p > 0 ? bytes[p - 1]! : 0x0a;
      // Candidates: an `xref` keyword or the first digit of an object header, at a token start.
      if (CHAR_CLASS[prev] === 0) continue;
      if (c === 0x78 ? matchAt(bytes, p, 'xref') : isDigit(c ?? -1)) candidates.push(p);
    }
    candidates.sort((a, b) => Math.abs(a - offset) - Math.abs(b - offset));
    for (const p of candidates) {
      try {
        const quiet: ReadContext = { lenient: true, limits: ctx.limits, warn: () => undefined };
        readSection(bytes, p, quiet);
      } catch {
        continue; // not a section: try the next candidate
      }
      ctx.warn(`xref offset ${offset} is off by ${p - offset} bytes; the section at byte ${p} is used`);
      const found = readSection(bytes, p, ctx);
      return { ...found, offset };
    }
    throw e;
  }
}

/**
 * A section reached through /Prev could not be read: the newest section was fine, the chain
 * behind it is not. Lenient loading then rebuilds the chain from the file's markers.
 */
export class BrokenPrevError extends PdfError {
  constructor(message: string, offset: number) {
    super('PDF_XREF', message, offset);
    this.name = 'BrokenPrevError';
  }
}

/** Sections from the newest (the startxref target) to the oldest. */
export function readChain(bytes: Uint8Array, startxref: number, ctx: ReadContext): XrefSection[] {
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  let offset: number | undefined = startxref;
  while (offset !== undefined) {
    if (seen.has(offset)) {
      if (!ctx.lenient) throw new PdfError('PDF_XREF', `cyclic /Prev chain back to byte ${offset}`);
      ctx.warn(`cyclic /Prev chain back to byte ${offset}; chain cut there`);
      break;
    }
    seen.add(offset);
    if (sections.length >= ctx.limits.maxDepth * 64) throw new PdfError('PDF_LIMIT', 'too many xref sections');
    const section: XrefSection = sections.length === 0 ? readSectionNear(bytes, offset, ctx) : readPrev(bytes, offset, sections[sections.length - 1]!, ctx);
    const newer = sections[sections.length - 1];
    if (newer && sizeOf(newer) < sizeOf(section)) {
      const msg = `/Size decreases from ${sizeOf(section)} (section at byte ${section.offset}) to ${sizeOf(newer)} (section at byte ${newer.offset})`;
      if (!ctx.lenient) throw new PdfError('PDF_XREF', msg);
      ctx.warn(msg);
    }
    sections.push(section);
    const prev = section.trailer.entries.get('Prev');
    offset = prev?.kind === 'number' && prev.isInt && prev.value >= 0 ? prev.value : undefined;
    if (prev !== undefined && offset === undefined) ctx.warn(`xref section at byte ${section.offset} has an invalid /Prev`);
  }
  return sections;
}

function readPrev(bytes: Uint8Array, offset: number, newer: XrefSection, ctx: ReadContext): XrefSection {
  try {
    return readSectionNear(bytes, offset, ctx);
  } catch (e) {
    if (!(e instanceof PdfError) || e.code === 'PDF_LIMIT') throw e;
    throw new BrokenPrevError(`/Prev ${offset} of the xref section at byte ${newer.offset} leads to no xref section: ${e.message}`, offset);
  }
}

function sizeOf(section: XrefSection): number {
  const s = section.trailer.entries.get('Size');
  return s?.kind === 'number' ? s.value : 0;
}

/** Groups sections (newest first) into revisions (oldest first) with their byte ranges. */
export function buildRevisions(bytes: Uint8Array, newestFirst: XrefSection[], ctx: ReadContext): Revision[] {
  const groups: XrefSection[][] = [];
  for (let i = 0; i < newestFirst.length; i++) {
    const s = newestFirst[i]!;
    const older = newestFirst[i + 1];
    if (older && isLinearizedFirstPage(s, older)) {
      groups.push([s, older]);
      i++;
    } else groups.push([s]);
  }
  groups.reverse();
  const revisions: Revision[] = [];
  let start = 0;
  for (let r = 0; r < groups.length; r++) {
    const group = groups[r]!;
    const head = group[0]!;
    let entries: Map<number, XrefEntry> = head.entries;
    if (group.length > 1) {
      entries = new Map(group[1]!.entries);
      for (const [n, e] of head.entries) entries.set(n, e);
    }
    const physicalEnd = Math.max(...group.map((s) => s.end));
    // The marker must come before the next revision's xref, or it is that revision's.
    const next = groups[r + 1];
    const limit = next ? Math.min(...next.map((s) => s.offset)) : bytes.length;
    let end = findEofEnd(bytes, physicalEnd);
    if (end !== undefined && end > limit) end = undefined;
    if (end === undefined) ctx.warn(`no %%EOF after the xref section at byte ${head.offset}`);
    const endOffset = end ?? (next ? physicalEnd : bytes.length);
    revisions.push(
      Object.freeze({
        index: r,
        xrefOffset: head.offset,
        xrefKind: group.some((s) => s.kind === 'hybrid') ? 'hybrid' : head.kind,
        trailer: head.trailer,
        entries,
        startOffset: start,
        endOffset,
      }),
    );
    start = endOffset;
  }
  return revisions;
}

/**
 * A newer section physically before the older one it points to is the first-page xref of a
 * linearized file (or of a file that imitates one): the pair is one logical revision.
 */
function isLinearizedFirstPage(newer: XrefSection, older: XrefSection): boolean {
  return newer.offset < older.offset && newer.end <= older.offset;
}

/** Offset after the first `%%EOF` (and its EOL) at or after `from`. */
export function findEofEnd(bytes: Uint8Array, from: number): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buf.indexOf('%%EOF', from, 'latin1');
  if (at < 0) return undefined;
  let p = at + 5;
  if (bytes[p] === 0x0d) p++;
  if (bytes[p] === 0x0a) p++;
  return p;
}

