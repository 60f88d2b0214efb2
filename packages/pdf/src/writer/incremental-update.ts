/**
 * Incremental update writer (ISO 32000-1 §7.5.6): appends new or replaced objects, uncompressed,
 * then an xref section of the same kind as the previous one, a trailer chained by /Prev, and
 * `startxref … %%EOF`. The original bytes are never modified or copied.
 */
import { createHash } from 'node:crypto';
import { ByteWriter } from '../bytes.js';
import type { PdfDocument } from '../document.js';
import { PdfError } from '../errors.js';
import { pdfArray, pdfDict, pdfNumber, pdfRef, pdfString, type PdfObject, type PdfRef } from '../objects.js';
import { writeIndirect, writeObject } from '../serialize.js';
import type { XrefEntry } from '../xref/types.js';
import { writeXrefStream, writeXrefTable } from './xref-section.js';

export interface IncrementalUpdateOptions {
  /** Second /ID element; default: a digest of the appended objects (deterministic). */
  readonly newId?: Uint8Array;
}

export interface BuiltUpdate {
  readonly tail: Uint8Array;
  /** Absolute offset (in original + tail) of each written object's `num gen obj`. */
  readonly offsets: ReadonlyMap<number, number>;
  readonly xrefOffset: number;
}

export class IncrementalUpdate {
  private readonly objects = new Map<number, { ref: PdfRef; obj: PdfObject }>();
  private nextNum: number;

  constructor(
    private readonly doc: PdfDocument,
    private readonly options: IncrementalUpdateOptions = {},
  ) {
    if (doc.encrypted) throw new PdfError('PDF_WRITE', 'cannot append unencrypted objects to an encrypted document');
    this.nextNum = highestObjectNumber(doc) + 1;
  }

  /** The next free object number (above the trailer /Size and every number in use). */
  allocate(): PdfRef {
    const ref = pdfRef(this.nextNum++, 0);
    return ref;
  }

  /** Adds or replaces object `ref`, written uncompressed. */
  set(ref: PdfRef, obj: PdfObject): void {
    if (!Number.isInteger(ref.num) || ref.num <= 0) throw new PdfError('PDF_WRITE', `invalid object number ${ref.num}`);
    if (ref.num >= this.nextNum) this.nextNum = ref.num + 1;
    this.objects.set(ref.num, { ref, obj });
  }

  build(): BuiltUpdate {
    const doc = this.doc;
    const base = doc.bytes.length;
    const w = new ByteWriter(4096);
    const last = doc.bytes[base - 1];
    if (last !== 0x0a && last !== 0x0d) w.byte(0x0a);
    const offsets = new Map<number, number>();
    const entries = new Map<number, XrefEntry>();
    const nums = [...this.objects.keys()].sort((a, b) => a - b);
    for (const num of nums) {
      const { ref, obj } = this.objects.get(num)!;
      offsets.set(num, base + w.length);
      entries.set(num, { type: 'offset', gen: ref.gen, offset: base + w.length });
      writeIndirect(w, num, ref.gen, obj);
    }
    const latest = doc.revisions[doc.revisions.length - 1]!;
    const full = doc.recovered;
    if (full) addRecoveredEntries(doc, entries);
    const useStream = full ? [...entries.values()].some((e) => e.type === 'compressed') : latest.xrefKind === 'stream';
    const trailer = this.trailerEntries(w, full ? undefined : latest.xrefOffset, nums);
    const xrefOffset = base + w.length;
    if (useStream) {
      const streamNum = Math.max(this.nextNum, sizeOf(trailer));
      entries.set(streamNum, { type: 'offset', gen: 0, offset: xrefOffset });
      offsets.set(streamNum, xrefOffset);
      trailer.set('Size', pdfNumber(streamNum + 1));
      writeXrefStream(w, streamNum, entries, trailer, full);
    } else {
      writeXrefTable(w, entries, full);
      w.str('trailer\n');
      writeObject(w, pdfDict([...trailer]), 0);
      w.byte(0x0a);
    }
    w.str(`startxref\n${xrefOffset}\n%%EOF\n`);
    return { tail: w.toBytes(), offsets, xrefOffset };
  }

  private trailerEntries(appended: ByteWriter, prev: number | undefined, nums: number[]): Map<string, PdfObject> {
    const old = this.doc.trailer();
    const t = new Map<string, PdfObject>();
    const size = Math.max(highestObjectNumber(this.doc) + 1, this.nextNum, (nums[nums.length - 1] ?? 0) + 1);
    t.set('Size', pdfNumber(size));
    // ISO 32000-1 §7.5.6: an update's trailer repeats every entry of the previous one except
    // /Prev. Dropping e.g. /DocChecksum would show up as a change after earlier signatures.
    for (const [key, v] of old.entries) {
      if (!NOT_CARRIED_OVER.has(key)) t.set(key, v);
    }
    const newId = this.options.newId ?? digestId(appended.toBytes(), this.doc.bytes.length);
    const oldId = old.entries.get('ID');
    const first = oldId?.kind === 'array' && oldId.items[0]?.kind === 'string' ? oldId.items[0] : pdfString(newId, true);
    t.set('ID', pdfArray([first, pdfString(newId, true)]));
    if (prev !== undefined) t.set('Prev', pdfNumber(prev));
    return t;
  }
}

/** Entries that describe one xref section (or its stream) rather than the document. */
const NOT_CARRIED_OVER = new Set([
  'Size', 'Prev', 'XRefStm', 'ID',
  'Type', 'W', 'Index', 'Length', 'Filter', 'DecodeParms', 'F', 'FFilter', 'FDecodeParms', 'DL',
]);

function sizeOf(t: Map<string, PdfObject>): number {
  const s = t.get('Size');
  return s?.kind === 'number' ? s.value : 0;
}

function digestId(appended: Uint8Array, baseLength: number): Uint8Array {
  return new Uint8Array(createHash('md5').update(appended).update(String(baseLength)).digest());
}

/** Highest object number known to any revision, and trailer /Size − 1. */
function highestObjectNumber(doc: PdfDocument): number {
  let max = 0;
  for (const r of doc.revisions) {
    for (const n of r.entries.keys()) if (n > max) max = n;
    const size = r.trailer.entries.get('Size');
    if (size?.kind === 'number' && size.value - 1 > max) max = size.value - 1;
  }
  return max;
}

function addRecoveredEntries(doc: PdfDocument, entries: Map<number, XrefEntry>): void {
  const rec = doc.revisions[0]!.entries;
  for (const [n, e] of rec) if (!entries.has(n) && n > 0 && e.type !== 'free') entries.set(n, e);
}

