/**
 * Object parser (ISO 32000-1 §7.3): turns bytes into the immutable COS model — direct objects,
 * indirect objects `n g obj … endobj` and streams, with a nesting limit against hostile input.
 */
import { CHAR_CLASS, indexOf, isDigit } from './bytes.js';
import { PdfError } from './errors.js';
import { Lexer } from './lexer.js';
import {
  PDF_NULL,
  pdfArray,
  pdfBool,
  pdfDict,
  pdfName,
  pdfNumber,
  pdfRef,
  pdfStream,
  pdfString,
  type PdfDict,
  type PdfObject,
  type PdfRef,
} from './objects.js';

export interface ParserOptions {
  readonly lenient: boolean;
  readonly maxDepth: number;
  readonly warn: (message: string) => void;
  /** Resolves an indirect /Length; undefined when it cannot (the parser then scans for endstream). */
  readonly resolveLength?: (ref: PdfRef) => number | undefined;
}

export interface IndirectObject {
  readonly num: number;
  readonly gen: number;
  readonly value: PdfObject;
  /** Offset just after the object (after `endobj` when present). */
  readonly end: number;
}

/** Keywords that end an object: never swallowed as stray tokens. */
const STRUCTURAL = new Set(['obj', 'endobj', 'stream', 'endstream', 'xref', 'trailer', 'startxref']);
const TRUE = pdfBool(true);
const FALSE = pdfBool(false);

export class Parser {
  readonly lex: Lexer;
  constructor(
    readonly bytes: Uint8Array,
    readonly opts: ParserOptions,
    pos = 0,
  ) {
    this.lex = new Lexer(bytes, pos);
  }

  get pos(): number {
    return this.lex.pos;
  }
  set pos(p: number) {
    this.lex.pos = p;
  }

  /** Parses one direct object (a reference `n g R` counts as one). */
  parseObject(depth = 0): PdfObject {
    const lex = this.lex;
    const b = this.bytes;
    lex.skipWs();
    const start = lex.pos;
    const c = lex.peek();
    if (c < 0) throw new PdfError('PDF_SYNTAX', 'unexpected end of file', start);
    switch (c) {
      case 0x2f: // /
        return pdfName(lex.readName());
      case 0x28: // (
        return pdfString(lex.readLiteralString(), false);
      case 0x3c: // <
        if (b[start + 1] === 0x3c) return this.parseDict(depth);
        return pdfString(lex.readHexString(this.opts.lenient, this.opts.warn), true);
      case 0x5b: // [
        return this.parseArray(depth);
    }
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const num = lex.readNumber();
      if (num === undefined) throw new PdfError('PDF_SYNTAX', 'malformed number', start);
      if (num.isInt && num.value >= 0 && isDigit(c)) {
        const ref = this.tryRef(num.value);
        if (ref) return ref;
      }
      return pdfNumber(num.value, num.isInt);
    }
    if (CHAR_CLASS[c] === 0) {
      const word = lex.readRegular();
      if (word === 'true') return TRUE;
      if (word === 'false') return FALSE;
      if (word === 'null') return PDF_NULL;
      if (this.opts.lenient && depth > 0 && !STRUCTURAL.has(word)) {
        // Inside a container a stray token is dropped rather than losing the whole object.
        this.opts.warn(`unexpected keyword '${word.slice(0, 32)}' at byte ${start} read as null`);
        return PDF_NULL;
      }
      throw new PdfError('PDF_SYNTAX', `unexpected keyword '${word.slice(0, 32)}'`, start);
    }
    throw new PdfError('PDF_SYNTAX', `unexpected character '${String.fromCharCode(c)}'`, start);
  }

  /** After an unsigned integer: is this `num gen R`? Restores the position when it is not. */
  private tryRef(num: number): PdfRef | undefined {
    const lex = this.lex;
    const save = lex.pos;
    lex.skipWs();
    const gen = lex.readUInt();
    if (gen >= 0) {
      lex.skipWs();
      if (lex.isKeyword('R')) {
        lex.pos++;
        return pdfRef(num, gen);
      }
    }
    lex.pos = save;
    return undefined;
  }

  private checkDepth(depth: number): void {
    if (depth >= this.opts.maxDepth) {
      throw new PdfError('PDF_LIMIT', `nesting deeper than ${this.opts.maxDepth} levels`, this.lex.pos);
    }
  }

  private parseArray(depth: number): PdfObject {
    this.checkDepth(depth);
    const lex = this.lex;
    const start = lex.pos;
    lex.pos++;
    const items: PdfObject[] = [];
    for (;;) {
      lex.skipWs();
      const c = lex.peek();
      if (c === 0x5d) {
        lex.pos++;
        return pdfArray(items);
      }
      if (c < 0) throw new PdfError('PDF_SYNTAX', 'unterminated array', start);
      if (this.opts.lenient && (c === 0x3e || c === 0x29 || lex.isKeyword('endobj'))) {
        // `[ … >>`: the array was never closed; stop here rather than lose the whole object.
        this.opts.warn(`unterminated array at byte ${start}`);
        return pdfArray(items);
      }
      items.push(this.parseObject(depth + 1));
    }
  }

  parseDict(depth: number): PdfDict {
    this.checkDepth(depth);
    const lex = this.lex;
    const b = this.bytes;
    const start = lex.pos;
    lex.pos += 2;
    const entries = new Map<string, PdfObject>();
    for (;;) {
      lex.skipWs();
      const c = lex.peek();
      if (c === 0x3e && b[lex.pos + 1] === 0x3e) {
        lex.pos += 2;
        break;
      }
      if (c < 0) throw new PdfError('PDF_SYNTAX', 'unterminated dictionary', start);
      if (this.opts.lenient && lex.isKeyword('endobj')) {
        this.opts.warn(`unterminated dictionary at byte ${start}`);
        break;
      }
      if (c !== 0x2f) {
        if (!this.opts.lenient) throw new PdfError('PDF_SYNTAX', 'dictionary key is not a name', lex.pos);
        // Lenient: skip the stray token and go on (a common producer bug).
        this.opts.warn(`dictionary key is not a name at byte ${lex.pos}; token skipped`);
        if (c === 0x3e || c === 0x5d || c === 0x29 || c === 0x7b || c === 0x7d) lex.pos++;
        else this.parseObject(depth + 1);
        continue;
      }
      const key = lex.readName();
      lex.skipWs();
      const v = lex.peek();
      let value: PdfObject;
      if (v === 0x3e && b[lex.pos + 1] === 0x3e) {
        this.opts.warn(`dictionary key /${key} without a value at byte ${lex.pos}`);
        value = PDF_NULL;
      } else value = this.parseObject(depth + 1);
      if (entries.has(key)) {
        // The last occurrence wins, as in pdf.js, qpdf and pyHanko; the duplicate is reported.
        this.opts.warn(`duplicate key /${key} in dictionary at byte ${start}; the last one is used`);
      }
      entries.set(key, value);
    }
    return pdfDict(entries);
  }

  /**
   * Parses `num gen obj <value> [stream … endstream] [endobj]` at the current position.
   * Returns undefined when no object header is there.
   */
  parseIndirect(depth = 0): IndirectObject | undefined {
    const lex = this.lex;
    lex.skipWs();
    const headerAt = lex.pos;
    const num = lex.readUInt();
    if (num < 0) return undefined;
    lex.skipWs();
    const gen = lex.readUInt();
    if (gen < 0) return undefined;
    lex.skipWs();
    if (!lex.isKeyword('obj')) {
      // Tolerate `1 0 obj<<` glued forms: `obj` followed by a delimiter is handled by isKeyword.
      return undefined;
    }
    lex.pos += 3;
    lex.skipWs();
    let value: PdfObject;
    if (lex.isKeyword('endobj')) {
      this.opts.warn(`empty object ${num} ${gen} at byte ${headerAt}`);
      value = PDF_NULL;
    } else value = this.parseObject(depth);
    lex.skipWs();
    if (value.kind === 'dict' && lex.isKeyword('stream')) {
      value = this.parseStreamBody(value, num, gen);
      lex.skipWs();
    }
    if (lex.isKeyword('endobj')) lex.pos += 6;
    else if (!this.opts.lenient) {
      throw new PdfError('PDF_SYNTAX', `object ${num} ${gen}: 'endobj' expected`, lex.pos);
    }
    return { num, gen, value, end: lex.pos };
  }

  /** Position on `stream`: reads the data using /Length when trustworthy, else scans for endstream. */
  private parseStreamBody(dict: PdfDict, num: number, gen: number): PdfObject {
    const lex = this.lex;
    const b = this.bytes;
    const kwAt = lex.pos;
    let p = kwAt + 6;
    // The keyword is followed by CRLF or LF (§7.3.8.1); a lone CR or spaces are tolerated.
    while (b[p] === 0x20) p++;
    if (b[p] === 0x0d) p++;
    if (b[p] === 0x0a) p++;
    const dataStart = p;
    const declared = this.declaredLength(dict);
    if (declared !== undefined && declared >= 0 && dataStart + declared <= b.length) {
      const end = dataStart + declared;
      let q = end;
      while (q < b.length && CHAR_CLASS[b[q]!] === 1) q++;
      if (lexAt(b, q, 'endstream')) {
        lex.pos = q + 9;
        return pdfStream(dict, b.subarray(dataStart, end), dataStart);
      }
    }
    const found = indexOf(b, 'endstream', dataStart);
    if (found < 0) throw new PdfError('PDF_SYNTAX', `object ${num} ${gen}: 'endstream' not found`, kwAt);
    let end = found;
    // The EOL before endstream is not part of the data.
    if (b[end - 1] === 0x0a) end--;
    if (b[end - 1] === 0x0d) end--;
    if (end < dataStart) end = dataStart;
    this.opts.warn(
      declared === undefined
        ? `object ${num} ${gen}: stream /Length missing or unresolvable; data delimited by 'endstream'`
        : `object ${num} ${gen}: stream /Length ${declared} is wrong; data delimited by 'endstream' (${end - dataStart} bytes)`,
    );
    lex.pos = found + 9;
    return pdfStream(dict, b.subarray(dataStart, end), dataStart);
  }

  private declaredLength(dict: PdfDict): number | undefined {
    const len = dict.entries.get('Length');
    if (len?.kind === 'number' && len.isInt) return len.value;
    if (len?.kind === 'ref' && this.opts.resolveLength) return this.opts.resolveLength(len);
    return undefined;
  }
}

function lexAt(b: Uint8Array, pos: number, word: string): boolean {
  if (pos + word.length > b.length) return false;
  for (let i = 0; i < word.length; i++) if (b[pos + i] !== word.charCodeAt(i)) return false;
  return true;
}
