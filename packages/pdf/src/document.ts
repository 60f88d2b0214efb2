/**
 * A PDF file opened for reading, revision by revision: the xref chain is read at load time and
 * objects are parsed on demand (and cached), each revision seeing objects through its own chain.
 */
import { indexOf, latin1 } from './bytes.js';
import { PdfError } from './errors.js';
import type { StreamContext } from './filters/decode.js';
import { resolveLimits, type DecodeLimits } from './limits.js';
import { ObjectStream } from './object-stream.js';
import { refKey, type PdfDict, type PdfObject, type PdfRef, type PdfStream } from './objects.js';
import { Lexer } from './lexer.js';
import { Parser, type IndirectObject } from './parser.js';
import { BrokenPrevError, buildRevisions, findEofEnd, findStartxref, readChain } from './xref/chain.js';
import { readChainFromMarkers } from './xref/markers.js';
import { recoverXref } from './xref/recover.js';
import type { LoadOptions, ReadContext, Revision, XrefEntry } from './xref/types.js';
import { describeEncryption, type EncryptionInfo } from './encryption.js';
import { walkPages } from './page-tree.js';

const MAX_WARNINGS = 1000;

export class PdfDocument implements StreamContext {
  readonly bytes: Uint8Array;
  // Assigned in the constructor, either from the xref chain or by recovery.
  readonly revisions!: readonly Revision[];
  /**
   * True when the xref was rebuilt by scanning the file for `n g obj` (lenient mode only): the
   * revisions are then one synthetic revision, not what the file's xref sections describe.
   * False whenever every revision comes from an xref section the file contains — including a
   * chain rebuilt from the `startxref … %%EOF` markers because a /Prev was bogus (warned).
   */
  readonly recovered: boolean;
  /** Header version, e.g. "1.7". */
  readonly version: string;
  /** The value of the file's last `startxref` (undefined when there is none). */
  readonly startxref: number | undefined;
  readonly strict: boolean;
  readonly limits: DecodeLimits;
  private readonly warningList: string[] = [];
  private readonly byOffset = new Map<number, IndirectObject | PdfError | null>();
  private readonly objStreams = new WeakMap<PdfStream, ObjectStream>();
  private readonly loading = new Set<number>();

  private constructor(bytes: Uint8Array, options: LoadOptions) {
    this.bytes = bytes;
    this.strict = options.strict === true;
    this.limits = resolveLimits(options.limits);
    this.version = readHeader(bytes, this.strict, (m) => this.warn(m));
    this.startxref = findStartxref(bytes, this.strict);
    const ctx: ReadContext = { lenient: !this.strict, limits: this.limits, warn: (m) => this.warn(m) };
    let failure: PdfError | undefined;
    try {
      if (this.startxref === undefined) throw new PdfError('PDF_XREF', 'no startxref found');
      this.revisions = buildRevisions(bytes, this.readSections(this.startxref, ctx), ctx);
      if (!this.strict) this.checkOffsets();
      this.checkCatalog();
    } catch (e) {
      if (!(e instanceof PdfError) || e.code === 'PDF_LIMIT') throw e;
      failure = e;
    }
    if (failure) {
      if (this.strict) {
        throw failure.code === 'PDF_NO_TRAILER' ? failure : new PdfError('PDF_XREF', `xref unreadable: ${failure.message}`);
      }
      this.warn(`xref unreadable (${failure.message}); rebuilding by scanning the file`);
      this.byOffset.clear();
      const rec = recoverXref(bytes, ctx);
      const lastEof = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf('%%EOF', undefined, 'latin1');
      const endOffset = lastEof >= 0 ? (findEofEnd(bytes, lastEof) ?? bytes.length) : bytes.length;
      this.revisions = [
        Object.freeze({
          index: 0,
          xrefOffset: this.startxref ?? 0,
          xrefKind: 'table',
          trailer: rec.trailer,
          entries: rec.entries,
          startOffset: 0,
          endOffset: Math.max(endOffset, 0),
        }),
      ];
      this.recovered = true;
      this.checkCatalog();
    } else {
      this.recovered = false;
    }
    Object.freeze(this.revisions);
  }

  /**
   * The /Prev chain; in lenient mode, when a /Prev leads nowhere, the chain the file's own
   * `startxref … %%EOF` markers describe (viewers and EU DSS read such files the same way).
   */
  private readSections(startxref: number, ctx: ReadContext): ReturnType<typeof readChain> {
    try {
      return readChain(this.bytes, startxref, ctx);
    } catch (e) {
      if (this.strict || !(e instanceof BrokenPrevError)) throw e;
      this.warn(`${e.message}; revisions rebuilt from the startxref markers`);
      return readChainFromMarkers(this.bytes, ctx);
    }
  }

  static load(bytes: Uint8Array, options: LoadOptions = {}): PdfDocument {
    return new PdfDocument(bytes, options);
  }

  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** True when the latest trailer has an /Encrypt entry. */
  get encrypted(): boolean {
    return this.trailer().entries.has('Encrypt');
  }

  /** The encryption parameters, or undefined; PDF_ENCRYPTED when /Encrypt is malformed. */
  encryption(): EncryptionInfo | undefined {
    return describeEncryption(this);
  }

  /** Throws PDF_ENCRYPTED when the document is encrypted (its strings and streams are unreadable). */
  assertNotEncrypted(): void {
    const info = this.encryption();
    if (info) throw new PdfError('PDF_ENCRYPTED', `document is encrypted (/Filter /${info.filter}, V ${info.v}, R ${info.r})`);
  }

  warn(message: string): void {
    if (this.warningList.length < MAX_WARNINGS) this.warningList.push(message);
    else if (this.warningList.length === MAX_WARNINGS) this.warningList.push('further warnings suppressed');
  }

  private rev(rev: number | undefined): number {
    const r = rev ?? this.revisions.length - 1;
    if (!Number.isInteger(r) || r < 0 || r >= this.revisions.length) {
      throw new RangeError(`revision ${rev} does not exist (0..${this.revisions.length - 1})`);
    }
    return r;
  }

  /** Where object `num` is defined as revision `rev` sees it (its own entries, then older ones). */
  locate(num: number, rev?: number): XrefEntry | undefined {
    for (let r = this.rev(rev); r >= 0; r--) {
      const e = this.revisions[r]!.entries.get(num);
      if (e) return e.type === 'free' ? undefined : e;
    }
    return undefined;
  }

  /** The object `num` as revision `rev` sees it (default: latest); undefined if free or absent. */
  getObject(num: number, rev?: number): PdfObject | undefined {
    const r = this.rev(rev);
    const entry = this.locate(num, r);
    if (!entry) return undefined;
    if (entry.type === 'offset') return this.objectAt(num, entry, r);
    return this.compressedObject(num, entry, r);
  }

  private objectAt(num: number, entry: XrefEntry, rev: number): PdfObject | undefined {
    const offset = entry.offset!;
    let hit = this.byOffset.get(offset);
    if (hit === undefined) {
      if (this.loading.has(offset)) throw new PdfError('PDF_CIRCULAR', `object ${num} needs itself to be parsed`, offset);
      this.loading.add(offset);
      try {
        hit = this.parseAt(offset, rev);
      } catch (e) {
        if (!(e instanceof PdfError)) throw e;
        hit = e;
      } finally {
        this.loading.delete(offset);
      }
      this.byOffset.set(offset, hit);
    }
    if (hit instanceof PdfError) throw hit;
    if (hit === null || hit.num !== num) {
      const found = hit === null ? 'no object header' : `object ${hit.num} ${hit.gen}`;
      const msg = `xref entry of object ${num} points to byte ${offset} where there is ${found}`;
      if (this.strict) throw new PdfError('PDF_XREF', msg, offset);
      this.warn(msg);
      return undefined;
    }
    if (hit.gen !== entry.gen) {
      const msg = `object ${num}: header generation ${hit.gen} differs from xref generation ${entry.gen}`;
      if (this.strict) throw new PdfError('PDF_XREF', msg, offset);
      this.warn(msg);
    }
    return hit.value;
  }

  private parseAt(offset: number, rev: number): IndirectObject | null {
    if (offset < 0 || offset >= this.bytes.length) return null;
    const parser = new Parser(
      this.bytes,
      {
        lenient: !this.strict,
        maxDepth: this.limits.maxDepth,
        warn: (m) => this.warn(m),
        resolveLength: (ref) => this.resolveLength(ref, rev),
      },
      offset,
    );
    return parser.parseIndirect() ?? null;
  }

  private resolveLength(ref: PdfRef, rev: number): number | undefined {
    try {
      const v = this.getObject(ref.num, rev);
      return v?.kind === 'number' && v.isInt ? v.value : undefined;
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
      this.warn(`stream /Length ${refKey(ref)} is unreadable: ${e.message}`);
      return undefined;
    }
  }

  private compressedObject(num: number, entry: XrefEntry, rev: number): PdfObject | undefined {
    const stmNum = entry.objStm!;
    if (this.loading.has(-1 - stmNum)) throw new PdfError('PDF_CIRCULAR', `object stream ${stmNum} is nested in itself`);
    this.loading.add(-1 - stmNum);
    let stm: PdfObject | undefined;
    try {
      const stmEntry = this.locate(stmNum, rev);
      if (stmEntry?.type !== 'offset') {
        throw new PdfError('PDF_OBJECT_NOT_FOUND', `object ${num} is in object stream ${stmNum}, which is not an uncompressed object`);
      }
      stm = this.objectAt(stmNum, stmEntry, rev);
    } finally {
      this.loading.delete(-1 - stmNum);
    }
    if (stm?.kind !== 'stream') throw new PdfError('PDF_OBJECT_NOT_FOUND', `object stream ${stmNum} (holding object ${num}) is missing`);
    const type = stm.dict.entries.get('Type');
    if (type?.kind !== 'name' || type.value !== 'ObjStm') {
      const msg = `object ${stmNum}, named as the object stream of object ${num}, is not /Type /ObjStm`;
      if (this.strict) throw new PdfError('PDF_XREF', msg);
      this.warn(msg);
    }
    let os = this.objStreams.get(stm);
    if (!os) {
      os = ObjectStream.open(stm, { resolve: (o) => this.resolve(o, rev) }, this.limits, !this.strict, (m) => this.warn(m));
      this.objStreams.set(stm, os);
    }
    const index = entry.index!;
    if (os.nums[index] !== num) {
      const msg = `xref says object ${num} is at index ${index} of object stream ${stmNum}, which holds object ${os.nums[index] ?? 'none'} there`;
      if (this.strict) throw new PdfError('PDF_XREF', msg);
      this.warn(msg);
      return undefined;
    }
    return os.get(index);
  }

  /** Follows references (cycle-safe) to a direct object, as seen by revision `rev`. */
  resolve(obj: PdfObject | undefined, rev?: number): PdfObject | undefined {
    let cur = obj;
    let seen: Set<number> | undefined;
    while (cur?.kind === 'ref') {
      seen ??= new Set();
      if (seen.has(cur.num) || seen.size >= this.limits.maxDepth) {
        const msg = `reference cycle through object ${cur.num}`;
        if (this.strict) throw new PdfError('PDF_CIRCULAR', msg);
        this.warn(msg);
        return undefined;
      }
      seen.add(cur.num);
      this.checkRefGeneration(cur, rev);
      cur = this.getObject(cur.num, rev);
    }
    return cur;
  }

  /** A reference whose generation is not the xref's names an object that does not exist (§7.3.10). */
  private checkRefGeneration(ref: PdfRef, rev: number | undefined): void {
    const entry = this.locate(ref.num, rev);
    if (!entry || entry.gen === ref.gen) return;
    const msg = `reference ${refKey(ref)} does not match the xref generation ${entry.gen} of object ${ref.num}`;
    if (this.strict) throw new PdfError('PDF_OBJECT_NOT_FOUND', msg);
    this.warn(msg);
  }

  /** Effective trailer of that revision (its latest section's dictionary). */
  trailer(rev?: number): PdfDict {
    return this.revisions[this.rev(rev)]!.trailer;
  }

  /** The resolved /Root of that revision; PDF_NO_TRAILER when it is missing or not a dictionary. */
  catalog(rev?: number): PdfDict {
    const root = this.trailer(rev).entries.get('Root');
    const cat = this.resolve(root, rev);
    if (cat?.kind !== 'dict') throw new PdfError('PDF_NO_TRAILER', 'the trailer /Root does not lead to a catalog dictionary');
    return cat;
  }

  /** In-use object numbers visible in that revision, ascending. */
  objectNumbers(rev?: number): number[] {
    const r = this.rev(rev);
    const seen = new Map<number, XrefEntry>();
    for (let i = 0; i <= r; i++) for (const [n, e] of this.revisions[i]!.entries) seen.set(n, e);
    const out: number[] = [];
    for (const [n, e] of seen) if (e.type !== 'free' && n > 0) out.push(n);
    return out.sort((a, b) => a - b);
  }

  /** The page tree's leaves in order (cycle-safe; inherited attributes are not applied). */
  pages(rev?: number): { ref: PdfRef; dict: PdfDict }[] {
    const r = this.rev(rev);
    return walkPages(
      {
        catalog: () => this.catalog(r),
        getObject: (num) => this.getObject(num, r),
        resolve: (o) => this.resolve(o, r),
        checkRef: (ref) => this.checkRefGeneration(ref, r),
        warn: (m) => this.warn(m),
      },
      this.limits.maxDepth,
    );
  }

  /**
   * Lenient mode: when most offsets of the latest view miss their `n g obj` header (shifted or
   * garbage offsets), the xref is not worth trusting and the file is rebuilt by scanning. A few bad
   * entries are left alone: they are reported, as not found, when accessed.
   */
  private checkOffsets(): void {
    // A sample is enough to tell a shifted or garbage table from a few bad entries.
    const SAMPLE = 4096;
    const seen = new Set<number>();
    let total = 0;
    let bad = 0;
    const lex = new Lexer(this.bytes);
    for (let r = this.revisions.length - 1; r >= 0 && total < SAMPLE; r--) {
      for (const [num, e] of this.revisions[r]!.entries) {
        if (seen.has(num)) continue;
        seen.add(num);
        if (e.type !== 'offset' || num === 0) continue;
        if (++total > SAMPLE) break;
        lex.pos = e.offset!;
        lex.skipWs();
        if (e.offset! >= this.bytes.length || lex.readUInt() !== num) bad++;
      }
    }
    if (bad > 0 && bad * 2 > total) {
      throw new PdfError('PDF_XREF', `${bad} of ${total} xref offsets do not lead to their object`);
    }
  }

  private checkCatalog(): void {
    const root = this.trailer().entries.get('Root');
    if (root === undefined) throw new PdfError('PDF_NO_TRAILER', 'the trailer has no /Root');
    this.catalog();
  }
}

/** Reads `%PDF-x.y` in the first KB; PDF_NOT_A_PDF when absent. */
function readHeader(bytes: Uint8Array, strict: boolean, warn: (m: string) => void): string {
  const at = indexOf(bytes.subarray(0, 1024), '%PDF-');
  if (at < 0) throw new PdfError('PDF_NOT_A_PDF', 'no %PDF- header in the first 1024 bytes');
  if (at > 0) warn(`%PDF- header at byte ${at}, not at the start of the file`);
  let end = at + 5;
  while (end < bytes.length && end < at + 12 && ((bytes[end]! >= 0x30 && bytes[end]! <= 0x39) || bytes[end] === 0x2e)) end++;
  const version = latin1(bytes, at + 5, end);
  if (!/^\d\.\d+$/.test(version)) {
    const msg = `illegal PDF header version '${latin1(bytes, at + 5, Math.min(bytes.length, at + 12)).split(/[\r\n]/)[0]}'`;
    if (strict) throw new PdfError('PDF_NOT_A_PDF', msg, at);
    warn(msg);
  }
  return version;
}
