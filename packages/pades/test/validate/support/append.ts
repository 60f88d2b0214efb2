/** Builds incremental updates for tampering tests (with the pdf package's writer, or by hand). */
import { IncrementalUpdate, PdfDocument, type PdfObject, type PdfRef } from '@paraphe/pdf';

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Appends an update setting the given objects (each written uncompressed). */
export function appendUpdate(bytes: Uint8Array, build: (doc: PdfDocument, up: IncrementalUpdate) => void): Uint8Array {
  const doc = PdfDocument.load(bytes);
  const up = new IncrementalUpdate(doc);
  build(doc, up);
  return concat(bytes, up.build().tail);
}

/**
 * A shadow update: only an xref table that points object `num` at `offset` in the earlier
 * bytes, plus a trailer chaining to the previous xref. Writes no object at all.
 */
export function appendShadowXref(bytes: Uint8Array, num: number, offset: number): Uint8Array {
  const doc = PdfDocument.load(bytes);
  const last = doc.revisions[doc.revisions.length - 1]!;
  const trailer = doc.trailer();
  const size = trailer.entries.get('Size');
  const root = trailer.entries.get('Root') as PdfRef;
  const start = bytes.length;
  const xref = `xref\n${num} 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${(size as PdfObject & { value: number }).value} /Root ${root.num} ${root.gen} R /Prev ${last.xrefOffset} >>\nstartxref\n${start}\n%%EOF\n`;
  return concat(bytes, new Uint8Array(Buffer.from(xref, 'latin1')));
}
