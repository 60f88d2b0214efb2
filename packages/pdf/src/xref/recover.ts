/**
 * Xref reconstruction for damaged files (lenient mode): scans the bytes for `n g obj` headers
 * and `trailer` dictionaries, expands object streams, and synthesises one trailer.
 */
import { CHAR_CLASS, indexOf, isDigit, isWhite } from '../bytes.js';
import { PdfError } from '../errors.js';
import { ObjectStream } from '../object-stream.js';
import { pdfDict, pdfNumber, pdfRef, type PdfDict, type PdfObject } from '../objects.js';
import { Parser } from '../parser.js';
import type { ReadContext, XrefEntry } from './types.js';
import { FREE_ENTRY_0 } from './types.js';

export interface Recovered {
  readonly entries: Map<number, XrefEntry>;
  readonly trailer: PdfDict;
}

export function recoverXref(bytes: Uint8Array, ctx: ReadContext): Recovered {
  const plain = new Map<number, XrefEntry>();
  const found: { num: number; gen: number; offset: number }[] = [];
  let from = 0;
  for (;;) {
    const at = indexOf(bytes, 'obj', from);
    if (at < 0) break;
    from = at + 3;
    const after = bytes[at + 3];
    if (after !== undefined && CHAR_CLASS[after] === 0) continue;
    const header = headerBefore(bytes, at);
    if (!header) continue;
    found.push(header);
    if (found.length > ctx.limits.maxObjects) throw new PdfError('PDF_LIMIT', 'recovery found too many objects');
    // A later definition of the same number is the newer one.
    plain.set(header.num, Object.freeze({ type: 'offset', gen: header.gen, offset: header.offset }));
  }
  const opts = { lenient: true, maxDepth: ctx.limits.maxDepth, warn: () => undefined };
  let trailer: Map<string, PdfObject> | undefined;
  let catalog: { num: number; gen: number } | undefined;
  const entries = new Map<number, XrefEntry>([[0, FREE_ENTRY_0]]);
  const compressed = new Map<number, XrefEntry>();
  for (const f of found) {
    if (plain.get(f.num)?.offset !== f.offset) continue;
    entries.set(f.num, plain.get(f.num)!);
    let value: PdfObject;
    try {
      value = new Parser(bytes, opts, f.offset).parseIndirect()?.value ?? { kind: 'null' };
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
      ctx.warn(`recovery: object ${f.num} at byte ${f.offset} is unreadable (${e.message})`);
      continue;
    }
    const dict = value.kind === 'stream' ? value.dict : value.kind === 'dict' ? value : undefined;
    const type = dict?.entries.get('Type');
    const typeName = type?.kind === 'name' ? type.value : undefined;
    if (typeName === 'Catalog') catalog = f;
    if (typeName === 'XRef' && dict?.entries.has('Root')) trailer = new Map(dict.entries);
    if (typeName === 'ObjStm' && value.kind === 'stream') {
      try {
        const os = ObjectStream.open(value, { resolve: (o) => o }, ctx.limits, true, () => undefined);
        os.nums.forEach((num, index) => {
          if (!compressed.has(num)) compressed.set(num, Object.freeze({ type: 'compressed', gen: 0, objStm: f.num, index }));
        });
      } catch (e) {
        if (!(e instanceof PdfError)) throw e;
        ctx.warn(`recovery: object stream ${f.num} is unreadable (${e.message})`);
      }
    }
  }
  for (const [num, e] of compressed) if (!plain.has(num)) entries.set(num, e);
  // Trailer dictionaries: the last one naming a /Root is the newest.
  from = 0;
  for (;;) {
    const at = indexOf(bytes, 'trailer', from);
    if (at < 0) break;
    from = at + 7;
    try {
      const d = new Parser(bytes, opts, at + 7).parseObject(0);
      if (d.kind === 'dict' && d.entries.has('Root')) trailer = new Map(d.entries);
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
    }
  }
  const out = new Map<string, PdfObject>();
  const root = trailer?.get('Root');
  if (root?.kind === 'ref' && entries.has(root.num)) out.set('Root', root);
  else if (catalog) out.set('Root', pdfRef(catalog.num, catalog.gen));
  else throw new PdfError('PDF_NO_TRAILER', 'xref recovery found no document catalog');
  for (const key of ['Info', 'ID', 'Encrypt']) {
    const v = trailer?.get(key);
    if (v !== undefined) out.set(key, v);
  }
  let maxNum = 0;
  for (const n of entries.keys()) if (n > maxNum) maxNum = n;
  out.set('Size', pdfNumber(maxNum + 1));
  ctx.warn(`xref rebuilt by scanning: ${entries.size - 1} objects found`);
  return { entries, trailer: pdfDict([...out]) };
}

/** `num gen ` immediately before the `obj` keyword at `at`, with a token boundary before num. */
function headerBefore(bytes: Uint8Array, at: number): { num: number; gen: number; offset: number } | undefined {
  let p = at - 1;
  if (p < 0 || !isWhite(bytes[p]!)) return undefined;
  while (p >= 0 && isWhite(bytes[p]!)) p--;
  const genEnd = p + 1;
  while (p >= 0 && isDigit(bytes[p]!)) p--;
  const genStart = p + 1;
  if (genStart === genEnd || genEnd - genStart > 5) return undefined;
  if (p < 0 || !isWhite(bytes[p]!)) return undefined;
  while (p >= 0 && isWhite(bytes[p]!)) p--;
  const numEnd = p + 1;
  while (p >= 0 && isDigit(bytes[p]!)) p--;
  const numStart = p + 1;
  if (numStart === numEnd || numEnd - numStart > 10) return undefined;
  if (p >= 0 && CHAR_CLASS[bytes[p]!] === 0) return undefined;
  const num = Number(Buffer.from(bytes.buffer, bytes.byteOffset + numStart, numEnd - numStart).toString('latin1'));
  const gen = Number(Buffer.from(bytes.buffer, bytes.byteOffset + genStart, genEnd - genStart).toString('latin1'));
  return { num, gen, offset: numStart };
}
