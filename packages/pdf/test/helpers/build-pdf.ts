/**
 * Hand-built PDF files for tests: exact control over offsets, xref kinds and defects, which
 * generator tools do not give.
 */
import { deflateSync } from 'node:zlib';

const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const bufs = parts.map((p) => (typeof p === 'string' ? enc(p) : p));
  const out = new Uint8Array(bufs.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of bufs) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

export type Objects = Record<number, string>;

/** Objects and their offsets, written after `base` bytes. */
function writeObjects(baseLength: number, objects: Objects): { text: string; offsets: Map<number, number> } {
  let text = '';
  const offsets = new Map<number, number>();
  for (const [k, body] of Object.entries(objects)) {
    const num = Number(k);
    offsets.set(num, baseLength + Buffer.byteLength(text, 'latin1'));
    text += `${num} 0 obj\n${body}\nendobj\n`;
  }
  return { text, offsets };
}

function tableFor(offsets: Map<number, number>, withZero: boolean): string {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  if (withZero) nums.unshift(0);
  let out = 'xref\n';
  let i = 0;
  while (i < nums.length) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    out += `${nums[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const n = nums[k]!;
      out += n === 0 && withZero ? '0000000000 65535 f\r\n' : `${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n`;
    }
    i = j + 1;
  }
  return out;
}

const HEADER = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';

/** A classic-xref file; object 1 should be the catalog. */
export function classicPdf(objects: Objects, trailerExtra = ''): Uint8Array {
  const { text, offsets } = writeObjects(HEADER.length, objects);
  const xrefAt = HEADER.length + Buffer.byteLength(text, 'latin1');
  const size = Math.max(...offsets.keys()) + 1;
  return enc(
    `${HEADER}${text}${tableFor(offsets, true)}trailer\n<< /Size ${size} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xrefAt}\n%%EOF\n`,
  );
}

/** Appends a classic incremental section chained by /Prev. */
export function appendTable(base: Uint8Array, objects: Objects, prev: number, trailerExtra = ''): Uint8Array {
  const { text, offsets } = writeObjects(base.length, objects);
  const xrefAt = base.length + Buffer.byteLength(text, 'latin1');
  const sizes = [...Buffer.from(base).toString('latin1').matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1]));
  const size = Math.max(...offsets.keys(), (sizes[sizes.length - 1] ?? 0) - 1) + 1;
  return concat(
    base,
    `${text}${tableFor(offsets, false)}trailer\n<< /Size ${size} /Root 1 0 R /Prev ${prev} ${trailerExtra}>>\nstartxref\n${xrefAt}\n%%EOF\n`,
  );
}

/** Offset given by the last startxref. */
export function lastStartxref(bytes: Uint8Array): number {
  const s = Buffer.from(bytes).toString('latin1');
  return Number(/startxref\s+(\d+)\s*%%EOF\s*$/.exec(s)![1]);
}

/** Binary xref stream rows (W = [1 4 2]). */
export function xrefRows(rows: [number, number, number][]): Uint8Array {
  const out = new Uint8Array(rows.length * 7);
  rows.forEach(([t, a, b], i) => {
    const p = i * 7;
    out[p] = t;
    out[p + 1] = (a >>> 24) & 255;
    out[p + 2] = (a >>> 16) & 255;
    out[p + 3] = (a >>> 8) & 255;
    out[p + 4] = a & 255;
    out[p + 5] = (b >>> 8) & 255;
    out[p + 6] = b & 255;
  });
  return out;
}

/** PNG "Up" predictor rows (predictor 12) over `data` with `columns` bytes per row. */
export function pngUp(data: Uint8Array, columns: number): Uint8Array {
  const rows = data.length / columns;
  const out = new Uint8Array(rows * (columns + 1));
  for (let r = 0; r < rows; r++) {
    out[r * (columns + 1)] = 2;
    for (let c = 0; c < columns; c++) {
      const cur = data[r * columns + c]!;
      const up = r > 0 ? data[(r - 1) * columns + c]! : 0;
      out[r * (columns + 1) + 1 + c] = (cur - up) & 255;
    }
  }
  return out;
}

/**
 * A file whose objects `compressed` live in an object stream (number `stmNum`) and whose xref is
 * a Flate + PNG-predicted xref stream (number `xrefNum`).
 */
export function xrefStreamPdf(
  plain: Objects,
  compressed: Objects,
  stmNum: number,
  xrefNum: number,
  tamper?: (rows: [number, number, number][]) => void,
): Uint8Array {
  const cNums = Object.keys(compressed).map(Number);
  let body = '';
  const index: string[] = [];
  for (const n of cNums) {
    index.push(`${n} ${body.length}`);
    body += `${compressed[n]}\n`;
  }
  const head = index.join(' ') + '\n';
  const stmData = deflateSync(Buffer.from(head + body, 'latin1'));
  const { text, offsets } = writeObjects(HEADER.length, plain);
  let pos = HEADER.length + Buffer.byteLength(text, 'latin1');
  const stmOffset = pos;
  const stmObj = concat(
    `${stmNum} 0 obj\n<< /Type /ObjStm /N ${cNums.length} /First ${head.length} /Filter /FlateDecode /Length ${stmData.length} >>\nstream\n`,
    stmData,
    '\nendstream\nendobj\n',
  );
  pos += stmObj.length;
  const xrefAt = pos;
  const size = Math.max(xrefNum, stmNum, ...offsets.keys(), ...cNums) + 1;
  const rows: [number, number, number][] = [];
  for (let n = 0; n < size; n++) {
    if (n === 0) rows.push([0, 0, 65535]);
    else if (offsets.has(n)) rows.push([1, offsets.get(n)!, 0]);
    else if (n === stmNum) rows.push([1, stmOffset, 0]);
    else if (n === xrefNum) rows.push([1, xrefAt, 0]);
    else if (cNums.includes(n)) rows.push([2, stmNum, cNums.indexOf(n)]);
    else rows.push([0, 0, 0]);
  }
  tamper?.(rows);
  const xdata = deflateSync(pngUp(xrefRows(rows), 7));
  const xobj = concat(
    `${xrefNum} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length ${xdata.length} >>\nstream\n`,
    xdata,
    '\nendstream\nendobj\n',
  );
  return concat(HEADER, text, stmObj, xobj, `startxref\n${xrefAt}\n%%EOF\n`);
}

/** Minimal catalog + one page. */
export const MINIMAL: Objects = {
  1: '<< /Type /Catalog /Pages 2 0 R >>',
  2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
};

/**
 * Appends a hybrid-reference section: object `hiddenNum` lives in object stream `stmNum`, listed
 * only by the /XRefStm stream `xsNum`; the classic table lists the two streams.
 */
export function appendHybrid(base: Uint8Array, hiddenNum: number, hiddenBody: string, stmNum: number, xsNum: number): Uint8Array {
  const prev = lastStartxref(base);
  const sep = base[base.length - 1] === 0x0a ? '' : '\n';
  const stmBody = `${hiddenNum} 0 ${hiddenBody}`;
  const first = `${hiddenNum} 0 `.length;
  const stm = `${sep}${stmNum} 0 obj\n<< /Type /ObjStm /N 1 /First ${first} /Length ${stmBody.length} >>\nstream\n${stmBody}\nendstream\nendobj\n`;
  const stmAt = base.length + sep.length;
  const xsAt = base.length + stm.length;
  const nums = [hiddenNum, stmNum, xsNum].sort((a, b) => a - b);
  const row = (n: number): [number, number, number] =>
    n === hiddenNum ? [2, stmNum, 0] : n === stmNum ? [1, stmAt, 0] : [1, xsAt, 0];
  const rows = xrefRows(nums.map(row));
  const data = deflateSync(rows);
  const index = nums.map((n) => `${n} 1`).join(' ');
  const size = Math.max(...nums) + 1;
  const xs = concat(
    `${xsNum} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] /Index [${index}] /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
    data,
    '\nendstream\nendobj\n',
  );
  const tableAt = xsAt + xs.length;
  const entry = (off: number): string => `${String(off).padStart(10, '0')} 00000 n\r\n`;
  const rootMatch = /\/Root\s+(\d+\s+\d+\s+R)/.exec(Buffer.from(base).toString('latin1').slice(prev));
  const table =
    `xref\n${stmNum} 1\n${entry(stmAt)}${xsNum} 1\n${entry(xsAt)}` +
    `trailer\n<< /Size ${size} /Root ${rootMatch![1]} /Prev ${prev} /XRefStm ${xsAt} >>\nstartxref\n${tableAt}\n%%EOF\n`;
  return concat(base, stm, xs, table);
}
