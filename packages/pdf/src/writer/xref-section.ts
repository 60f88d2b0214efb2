/**
 * Writes the xref section of an incremental update: a classic table (20-byte entries) or an
 * uncompressed xref stream with minimal /W, both covering exactly the given entries (or every
 * number from 0 when `full`).
 */
import type { ByteWriter } from '../bytes.js';
import { pdfArray, pdfDict, pdfName, pdfNumber, pdfStream, type PdfObject } from '../objects.js';
import { writeIndirect } from '../serialize.js';
import type { XrefEntry } from '../xref/types.js';

/** Consecutive runs of object numbers: [first, count][]. */
function subsections(nums: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of nums) {
    const lastRun = out[out.length - 1];
    if (lastRun && lastRun[0] + lastRun[1] === n) lastRun[1]++;
    else out.push([n, 1]);
  }
  return out;
}

/** The numbers to list: the written ones, plus the free head 0 for a complete section. */
function allNumbers(entries: Map<number, XrefEntry>, full: boolean): number[] {
  const nums = [...entries.keys()];
  if (full && !entries.has(0)) nums.push(0);
  return nums.sort((a, b) => a - b);
}

export function writeXrefTable(w: ByteWriter, entries: Map<number, XrefEntry>, full: boolean): void {
  w.str('xref\n');
  const nums = allNumbers(entries, full);
  for (const [first, count] of subsections(nums)) {
    w.str(`${first} ${count}\n`);
    for (let n = first; n < first + count; n++) {
      const e = entries.get(n);
      if (e?.type === 'offset') w.str(`${pad(e.offset!, 10)} ${pad(e.gen, 5)} n\r\n`);
      else w.str(`0000000000 ${n === 0 ? '65535' : pad(Math.min(e?.gen ?? 0, 65535), 5)} f\r\n`);
    }
  }
}

export function writeXrefStream(
  w: ByteWriter,
  num: number,
  entries: Map<number, XrefEntry>,
  trailer: Map<string, PdfObject>,
  full: boolean,
): void {
  const nums = allNumbers(entries, full);
  let maxField2 = 0;
  let maxField3 = 0;
  for (const e of entries.values()) {
    maxField2 = Math.max(maxField2, e.offset ?? e.objStm ?? 0);
    maxField3 = Math.max(maxField3, e.type === 'compressed' ? e.index! : e.gen);
  }
  const w2 = byteWidth(maxField2);
  const w3 = byteWidth(maxField3);
  const rows = new Uint8Array(nums.length * (1 + w2 + w3));
  let p = 0;
  for (const n of nums) {
    const e = entries.get(n);
    const [t, f2, f3] =
      e?.type === 'offset' ? [1, e.offset!, e.gen] : e?.type === 'compressed' ? [2, e.objStm!, e.index!] : [0, 0, n === 0 ? 65535 : 0];
    rows[p++] = t;
    p = putInt(rows, p, f2, w2);
    p = putInt(rows, p, Math.min(f3, 2 ** (8 * w3) - 1), w3);
  }
  const dict = new Map<string, PdfObject>([['Type', pdfName('XRef')], ...trailer]);
  dict.set('W', pdfArray([pdfNumber(1), pdfNumber(w2), pdfNumber(w3)]));
  dict.set('Index', pdfArray(subsections(nums).flatMap(([a, b]) => [pdfNumber(a), pdfNumber(b)])));
  writeIndirect(w, num, 0, pdfStream(pdfDict([...dict]), rows));
}

function byteWidth(v: number): number {
  let n = 1;
  while (v >= 2 ** (8 * n)) n++;
  return n;
}

function putInt(out: Uint8Array, p: number, v: number, width: number): number {
  for (let i = width - 1; i >= 0; i--) {
    out[p + i] = v % 256;
    v = Math.floor(v / 256);
  }
  return p + width;
}

function pad(v: number, width: number): string {
  return String(v).padStart(width, '0');
}
