/**
 * Writes a complete one-page PDF around objects in a MemorySink, drawing a Form XObject on the
 * page with `Do`, so independent tools (poppler, qpdf, mupdf) can judge the appearance.
 */
import { pdfArray, pdfDict, pdfName, pdfNumber, pdfStream, type PdfObject, type PdfRef } from '@paraphe/pdf';
import type { MemorySink } from './memory-sink.js';

export interface Placement {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly x: number;
  readonly y: number;
  /** Page /Rotate, when testing rotated pages. */
  readonly rotate?: number;
}

export function pdfWithXObject(sink: MemorySink, xobject: PdfRef, at: Placement): Uint8Array {
  const content = new TextEncoder().encode(`q 1 0 0 1 ${at.x} ${at.y} cm /Sig Do Q\n`);
  const contentRef = sink.allocate();
  sink.set(contentRef, pdfStream(pdfDict({ Length: pdfNumber(content.length) }), content));
  const pagesRef = sink.allocate();
  const pageRef = sink.allocate();
  sink.set(pageRef, pdfDict({
    Type: pdfName('Page'),
    Parent: pagesRef,
    MediaBox: pdfArray([0, 0, at.pageWidth, at.pageHeight].map((n) => pdfNumber(n))),
    Resources: pdfDict({ XObject: pdfDict({ Sig: xobject }) }),
    Contents: contentRef,
    ...(at.rotate ? { Rotate: pdfNumber(at.rotate) } : {}),
  }));
  sink.set(pagesRef, pdfDict({ Type: pdfName('Pages'), Kids: pdfArray([pageRef]), Count: pdfNumber(1) }));
  const catalog = sink.allocate();
  sink.set(catalog, pdfDict({ Type: pdfName('Catalog'), Pages: pagesRef }));
  return writePdf(sink.objects, catalog);
}

export function writePdf(objects: ReadonlyMap<number, PdfObject>, root: PdfRef): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const push = (b: Uint8Array | string) => {
    const bytes = typeof b === 'string' ? latin1(b) : b;
    chunks.push(bytes);
    length += bytes.length;
  };
  push('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const size = Math.max(...objects.keys()) + 1;
  const offsets = new Array<number>(size).fill(-1);
  for (const [num, obj] of [...objects].sort((a, b) => a[0] - b[0])) {
    offsets[num] = length;
    push(`${num} 0 obj\n`);
    serialize(obj, push);
    push('\nendobj\n');
  }
  const xref = length;
  push(`xref\n0 ${size}\n0000000000 65535 f \n`);
  for (let n = 1; n < size; n++) {
    push(offsets[n]! < 0 ? '0000000000 65535 f \n' : `${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  }
  push(`trailer\n<< /Size ${size} /Root ${root.num} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function serialize(obj: PdfObject, push: (b: Uint8Array | string) => void): void {
  switch (obj.kind) {
    case 'null': return push('null');
    case 'bool': return push(String(obj.value));
    case 'number': return push(obj.isInt ? String(obj.value) : obj.value.toFixed(4).replace(/\.?0+$/, ''));
    case 'name': return push(`/${[...latin1(obj.value)].map(nameChar).join('')}`);
    case 'string': return push(`<${Buffer.from(obj.bytes).toString('hex')}>`);
    case 'ref': return push(`${obj.num} ${obj.gen} R`);
    case 'array':
      push('[');
      obj.items.forEach((item, i) => { if (i) push(' '); serialize(item, push); });
      return push(']');
    case 'dict':
      push('<<');
      for (const [k, v] of obj.entries) { push(` /${k} `); serialize(v, push); }
      return push(' >>');
    case 'stream':
      serialize(obj.dict, push);
      push('\nstream\n');
      push(obj.raw);
      return push('\nendstream');
  }
}

function nameChar(b: number): string {
  const regular = b > 0x20 && b < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(b));
  return regular ? String.fromCharCode(b) : `#${b.toString(16).padStart(2, '0')}`;
}

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}
