/**
 * Test helpers for diff analysis: corpus access and mapping each signature to the revision
 * its /ByteRange ends with.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { IncrementalUpdate, PdfDocument, type PdfDict } from '@paraphe/pdf';
import { signatureFieldsOf } from '../../src/diff/index.js';

export const CORPUS = resolve(import.meta.dirname, '../../../../../shared/corpus');

export interface ManifestEntry {
  readonly dest: string;
  readonly expect: string;
  readonly why: string;
}

export function manifest(): ManifestEntry[] {
  const path = resolve(CORPUS, 'manifest.json');
  if (!existsSync(path)) throw new Error(`corpus manifest missing at ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as ManifestEntry[];
}

export function corpusBytes(dest: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(CORPUS, dest)));
}

export function loadCorpus(dest: string): PdfDocument {
  return PdfDocument.load(corpusBytes(dest));
}

export interface SignedRevision {
  readonly field: string;
  /** Revision whose end is the end of the /ByteRange, or null when none matches. */
  readonly revision: number | null;
  readonly docTimestamp: boolean;
}

/** Every filled signature field with the revision its signature covers, in file order. */
export function signedRevisions(doc: PdfDocument): SignedRevision[] {
  const out: SignedRevision[] = [];
  for (const f of signatureFieldsOf(doc)) {
    if (!f.value) continue;
    const sig = doc.getObject(f.value.num);
    const dict = sig?.kind === 'dict' ? sig : undefined;
    const br = byteRange(dict);
    const end = br ? br[2]! + br[3]! : -1;
    const rev = doc.revisions.findIndex((r) => r.endOffset === end);
    const type = dict?.entries.get('Type');
    out.push({ field: f.name, revision: rev >= 0 ? rev : null, docTimestamp: type?.kind === 'name' && type.value === 'DocTimeStamp' });
  }
  return out.sort((a, b) => (a.revision ?? 1e9) - (b.revision ?? 1e9));
}

function byteRange(dict: PdfDict | undefined): number[] | undefined {
  const br = dict?.entries.get('ByteRange');
  if (br?.kind !== 'array') return undefined;
  const nums = br.items.map((i) => (i.kind === 'number' ? i.value : NaN));
  return nums.length === 4 && nums.every(Number.isFinite) ? nums : undefined;
}

export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const bufs = parts.map((p) => (typeof p === 'string' ? new Uint8Array(Buffer.from(p, 'latin1')) : p));
  const out = new Uint8Array(bufs.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of bufs) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

/** Appends an incremental update built with the reader's own writer. */
export function appendUpdate(doc: PdfDocument, build: (up: IncrementalUpdate, doc: PdfDocument) => void): PdfDocument {
  const up = new IncrementalUpdate(doc);
  build(up, doc);
  return PdfDocument.load(concat(doc.bytes, up.build().tail));
}

/**
 * Appends a hand-written classic-xref update: `objects` are written in order (as `num 0 obj`
 * bodies); `rows` are the xref rows, by default one per written object at its offset, and may
 * point anywhere (that is the point: shadow-attack updates point into older bytes).
 */
export function appendRaw(
  doc: PdfDocument,
  objects: Array<[number, string]>,
  rows?: (written: Map<number, number>) => Array<[number, number | 'free']>,
  hidden = '',
  root?: string,
): { doc: PdfDocument; written: Map<number, number>; hiddenAt: number } {
  const base = doc.bytes;
  let text = base[base.length - 1] === 0x0a ? '' : '\n';
  const hiddenAt = base.length + text.length;
  text += hidden;
  const written = new Map<number, number>();
  for (const [num, body] of objects) {
    written.set(num, base.length + Buffer.byteLength(text, 'latin1'));
    text += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const list = (rows ? rows(written) : [...written].map(([n, o]) => [n, o] as [number, number])).sort((a, b) => a[0] - b[0]);
  const xrefAt = base.length + Buffer.byteLength(text, 'latin1');
  text += 'xref\n';
  for (const [n, o] of list) {
    text += `${n} 1\n${o === 'free' ? `0000000000 00001 f\r\n` : `${String(o).padStart(10, '0')} 00000 n\r\n`}`;
  }
  const last = doc.revisions[doc.revisions.length - 1]!;
  const size = Math.max(numberIn(doc.trailer(), 'Size'), ...list.map(([n]) => n + 1));
  const rootRef = doc.trailer().entries.get('Root');
  const rootText = root ?? (rootRef?.kind === 'ref' ? `${rootRef.num} ${rootRef.gen} R` : '1 0 R');
  text += `trailer\n<< /Size ${size} /Root ${rootText} /Prev ${last.xrefOffset} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return { doc: PdfDocument.load(concat(base, text)), written, hiddenAt };
}

function numberIn(dict: PdfDict, key: string): number {
  const v = dict.entries.get(key);
  return v?.kind === 'number' ? v.value : 0;
}

export function latin1(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

/** Appends a hand-written xref-stream update (no objects) whose rows are `[num, type, field2, field3]`. */
export function appendRawXrefStream(doc: PdfDocument, rows: Array<[number, 0 | 1 | 2, number, number]>): PdfDocument {
  const base = doc.bytes;
  const lead = base[base.length - 1] === 0x0a ? '' : '\n';
  const at = base.length + lead.length;
  const size = Math.max(numberIn(doc.trailer(), 'Size'), ...rows.map(([n]) => n + 1));
  const self = size;
  const all = [...rows, [self, 1, at, 0] as [number, 0 | 1 | 2, number, number]].sort((a, b) => a[0] - b[0]);
  const data = new Uint8Array(all.length * 7);
  all.forEach(([, type, f2, f3], i) => {
    const o = i * 7;
    data[o] = type;
    new DataView(data.buffer).setUint32(o + 1, f2);
    new DataView(data.buffer).setUint16(o + 5, f3);
  });
  const root = doc.trailer().entries.get('Root');
  const rootText = root?.kind === 'ref' ? `${root.num} ${root.gen} R` : '1 0 R';
  const index = all.map(([n]) => `${n} 1`).join(' ');
  const last = doc.revisions[doc.revisions.length - 1]!;
  const head = `${lead}${self} 0 obj\n<< /Type /XRef /Size ${self + 1} /Root ${rootText} /Prev ${last.xrefOffset} /W [1 4 2] /Index [${index}] /Length ${data.length} >>\nstream\n`;
  const tail = `\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`;
  return PdfDocument.load(concat(base, head, data, tail));
}
