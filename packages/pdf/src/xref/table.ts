/**
 * Classic cross-reference tables (ISO 32000-1 §7.5.4) and their trailer: subsections of
 * 20-byte entries, read token by token so that 19- or 21-byte variants still parse (with a warning).
 */
import { PdfError } from '../errors.js';
import { Parser } from '../parser.js';
import type { PdfDict } from '../objects.js';
import type { ReadContext, XrefEntry } from './types.js';

export interface TableSection {
  readonly entries: Map<number, XrefEntry>;
  readonly trailer: PdfDict;
  readonly end: number;
}

/** Reads `xref … trailer << … >>` starting at `offset` (which must be on the `xref` keyword). */
export function readXrefTable(bytes: Uint8Array, offset: number, ctx: ReadContext): TableSection {
  const parser = new Parser(bytes, { lenient: ctx.lenient, maxDepth: ctx.limits.maxDepth, warn: (m) => ctx.warn(m) }, offset);
  const lex = parser.lex;
  lex.skipWs();
  if (!lex.isKeyword('xref')) throw new PdfError('PDF_XREF', "'xref' keyword expected", offset);
  lex.pos += 4;
  const entries = new Map<number, XrefEntry>();
  let oddWidth = false;
  for (;;) {
    lex.skipWs();
    if (lex.isKeyword('trailer')) {
      lex.pos += 7;
      break;
    }
    const subAt = lex.pos;
    let first = lex.readUInt();
    lex.skipWs();
    const count = lex.readUInt();
    if (first < 0 || count < 0) {
      throw new PdfError('PDF_XREF', 'malformed xref subsection header', subAt);
    }
    if (count > ctx.limits.maxObjects) throw new PdfError('PDF_LIMIT', `xref subsection of ${count} entries`, subAt);
    for (let i = 0; i < count; i++) {
      // Entries should be exactly 20 bytes: `nnnnnnnnnn ggggg n` + 2-byte EOL.
      lex.skipWs();
      const entryAt = lex.pos;
      const fast = standardEntry(bytes, entryAt);
      if (fast !== undefined && !(i === 0 && first === 1)) {
        lex.pos = entryAt + 20;
        const num = first + i;
        if (!entries.has(num)) entries.set(num, fast);
        continue;
      }
      const off = lex.readUInt();
      const offDigits = lex.pos - entryAt;
      while (lex.peek() === 0x20) lex.pos++;
      const genAt = lex.pos;
      const gen = lex.readUInt();
      const genDigits = lex.pos - genAt;
      while (lex.peek() === 0x20) lex.pos++;
      const kind = lex.peek();
      if (off < 0 || gen < 0 || (kind !== 0x6e && kind !== 0x66)) {
        throw new PdfError('PDF_XREF', `malformed xref entry ${i} of subsection ${first}`, entryAt);
      }
      if (!ctx.lenient && (offDigits !== 10 || genDigits !== 5)) {
        throw new PdfError('PDF_XREF', `xref entry ${i} of subsection ${first} is not in the 10+5 digit form`, entryAt);
      }
      lex.pos++;
      const p = lex.pos;
      let eol = 0;
      while (eol < 3 && (lex.peek(eol) === 0x20 || lex.peek(eol) === 0x0d || lex.peek(eol) === 0x0a)) eol++;
      if (!oddWidth && p + Math.min(eol, 2) - entryAt !== 20) {
        oddWidth = true;
        ctx.warn(`xref table at byte ${offset}: entries are not 20 bytes long`);
      }
      // Common producer bug: a subsection `1 n` whose first entry is the free head of object 0.
      if (i === 0 && first === 1 && kind === 0x66 && off === 0 && gen === 65535) {
        ctx.warn(`xref table at byte ${offset}: subsection starts at 1 but lists object 0; renumbered from 0`);
        first = 0;
      }
      const num = first + i;
      if (entries.has(num)) continue;
      entries.set(num, kind === 0x6e ? Object.freeze({ type: 'offset', gen, offset: off }) : Object.freeze({ type: 'free', gen }));
    }
  }
  const trailer = parser.parseObject(0);
  if (trailer.kind !== 'dict') throw new PdfError('PDF_NO_TRAILER', 'trailer is not a dictionary', offset);
  return { entries, trailer, end: parser.pos };
}

const ZERO = 0x30;

/** Fast path for a well-formed 20-byte entry; undefined when the bytes are anything else. */
function standardEntry(b: Uint8Array, p: number): XrefEntry | undefined {
  if (p + 20 > b.length || b[p + 10] !== 0x20 || b[p + 16] !== 0x20) return undefined;
  const e1 = b[p + 18]!;
  const e2 = b[p + 19]!;
  // The 2-byte EOL: CRLF, ` \n` or ` \r`.
  if (!((e1 === 0x0d && e2 === 0x0a) || (e1 === 0x20 && (e2 === 0x0a || e2 === 0x0d)))) return undefined;
  let off = 0;
  for (let k = 0; k < 10; k++) {
    const d = b[p + k]! - ZERO;
    if (d < 0 || d > 9) return undefined;
    off = off * 10 + d;
  }
  let gen = 0;
  for (let k = 11; k < 16; k++) {
    const d = b[p + k]! - ZERO;
    if (d < 0 || d > 9) return undefined;
    gen = gen * 10 + d;
  }
  const kind = b[p + 17];
  if (kind === 0x6e) return { type: 'offset', gen, offset: off };
  if (kind === 0x66) return gen === 65535 ? FREE_HEAD : { type: 'free', gen };
  return undefined;
}

const FREE_HEAD: XrefEntry = Object.freeze({ type: 'free', gen: 65535 });
