/**
 * Interop inputs written by independent tools: Ghostscript (classic xref table), qpdf (object
 * and xref streams; linearized) and a hybrid-reference file built here from a classic one.
 *
 * Ghostscript 10.00 (Debian 12) writes classic xref tables even with -dCompatibilityLevel=1.5
 * (xref streams arrived in pdfwrite 10.02), so xref streams come from qpdf. No installed tool
 * writes hybrid-reference files, so `makeHybrid` constructs one (see its comment).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runToolOk } from './tools.js';

/** A small multi-page PostScript document with text and vector graphics. */
export function samplePostScript(pages: number, title: string): string {
  const lines = ['%!PS', '/Helvetica findfont 18 scalefont setfont'];
  for (let page = 1; page <= pages; page++) {
    lines.push(`72 720 moveto (${title} - page ${page}) show`);
    lines.push(`72 690 moveto (Ville de Paraphe - reglement ${page}) show`);
    lines.push(`newpath 72 100 moveto 500 ${100 + page * 20} lineto 3 setlinewidth stroke`);
    lines.push('showpage');
  }
  return `${lines.join('\n')}\n`;
}

export async function ghostscriptPdf(dir: string, name: string, pages = 2): Promise<string> {
  const ps = join(dir, `${name}.ps`);
  const out = join(dir, `${name}.pdf`);
  await writeFile(ps, samplePostScript(pages, name));
  await runToolOk('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${out}`, ps]);
  return out;
}

export async function qpdfObjectStreams(input: string, out: string): Promise<string> {
  await runToolOk('qpdf', ['--object-streams=generate', input, out]);
  return out;
}

export async function qpdfLinearized(input: string, out: string): Promise<string> {
  await runToolOk('qpdf', ['--linearize', input, out]);
  return out;
}

/**
 * A hybrid-reference file (ISO 32000-1 §7.5.8.4): a classic xref table whose trailer carries
 * /XRefStm pointing at a cross-reference stream; the stream lists one object that lives in
 * an object stream (the document information dictionary), which pre-1.5 readers cannot see.
 * Built from a qpdf-normalised classic file so the table has a single 0..N-1 subsection.
 */
export async function makeHybrid(input: string, out: string): Promise<string> {
  const classic = `${out}.classic.pdf`;
  await runToolOk('qpdf', ['--object-streams=disable', '--compress-streams=y', input, classic]);
  const bytes = await readFile(classic);
  const text = bytes.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const oldTable = text.slice(startxref);
  const header = /^xref\s+0\s+(\d+)\s+/.exec(oldTable);
  const trailer = /trailer\s*<<([\s\S]*)>>\s*startxref/.exec(oldTable)?.[1];
  if (!header || trailer === undefined) throw new Error(`${classic}: unexpected xref layout`);
  const size = Number(header[1]);
  const rows = oldTable.slice(header[0].length).match(/\d{10} \d{5} [nf]\s?\r?\n?/g)?.slice(0, size) ?? [];
  if (rows.length !== size) throw new Error(`${classic}: expected ${size} xref rows`);

  const body = bytes.subarray(0, startxref);
  const parts: Buffer[] = [body];
  let offset = body.length;
  const push = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    parts.push(b);
    offset += b.length;
  };
  const objStm = size;
  const info = size + 1;
  const xrefStm = size + 2;

  const infoText = '<< /Producer (Paraphe interop: hybrid-reference file) >>';
  const objStmOffset = offset;
  const firstLine = `${info} 0 `;
  push(
    `${objStm} 0 obj\n<< /Type /ObjStm /N 1 /First ${firstLine.length} /Length ${firstLine.length + infoText.length} >>\nstream\n` +
      `${firstLine}${infoText}\nendstream\nendobj\n`,
  );
  const xrefStmOffset = offset;
  const entry = (type: number, field2: number, field3: number) => {
    const b = Buffer.alloc(7);
    b.writeUInt8(type, 0);
    b.writeUInt32BE(field2, 1);
    b.writeUInt16BE(field3, 5);
    return b;
  };
  const streamData = Buffer.concat([entry(1, objStmOffset, 0), entry(2, objStm, 0), entry(1, xrefStmOffset, 0)]);
  push(
    `${xrefStm} 0 obj\n<< /Type /XRef /Size ${size + 3} /Index [${objStm} 3] /W [1 4 2] /Length ${streamData.length} >>\nstream\n`,
  );
  push(streamData);
  push('\nendstream\nendobj\n');

  const tableOffset = offset;
  const pad = (n: number) => String(n).padStart(10, '0');
  // The compressed object is absent from the table (not marked free: poppler would then
  // treat it as deleted), so classic readers skip it and hybrid-aware readers use /XRefStm.
  const rowsText = rows.map((row) => `${row.slice(0, 18)} \n`).join(''); // every row exactly 20 bytes
  const table = `xref\n0 ${size + 1}\n${rowsText}${pad(objStmOffset)} 00000 n \n${xrefStm} 1\n${pad(xrefStmOffset)} 00000 n \n`;
  const trailerDict = trailer.replace(/\/Size\s+\d+/, `/Size ${size + 3}`).replace(/\/Info\s+\d+\s+\d+\s+R/, '');
  push(table);
  push(`trailer\n<<${trailerDict} /Info ${info} 0 R /XRefStm ${xrefStmOffset} >>\nstartxref\n${tableOffset}\n%%EOF\n`);
  await writeFile(out, Buffer.concat(parts));
  return out;
}
