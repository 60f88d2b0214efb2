/** Adds an empty, visible signature field to page 1 — the kind a prepared form carries. */
import { IncrementalUpdate, PdfDocument, pdfArray, pdfDict, pdfName, pdfNumber, pdfString, withEntry } from '@paraphe/pdf';

export function withEmptySignatureField(input: Uint8Array, name: string): Uint8Array {
  const doc = PdfDocument.load(input);
  const update = new IncrementalUpdate(doc);
  const [page] = doc.pages();
  if (!page) throw new Error('no page');
  const widget = update.allocate();
  update.set(widget, pdfDict({
    Type: pdfName('Annot'), Subtype: pdfName('Widget'), FT: pdfName('Sig'), T: pdfString(name), F: pdfNumber(4),
    Rect: pdfArray([100, 100, 300, 160].map((n) => pdfNumber(n))), P: page.ref,
  }));
  update.set(page.ref, withEntry(page.dict, 'Annots', pdfArray([widget])));
  const form = update.allocate();
  update.set(form, pdfDict({ Fields: pdfArray([widget]) }));
  const rootRef = doc.trailer().entries.get('Root');
  if (rootRef?.kind !== 'ref') throw new Error('no root');
  update.set(rootRef, withEntry(doc.catalog(), 'AcroForm', form));
  const { tail } = update.build();
  return new Uint8Array(Buffer.concat([input, tail]));
}

/** Breaks the last startxref offset so that readers must rebuild the xref by scanning. */
export function breakStartxref(input: Uint8Array): Uint8Array {
  const text = Buffer.from(input).toString('latin1');
  const at = text.lastIndexOf('startxref');
  const m = /startxref\s+(\d+)/.exec(text.slice(at));
  if (!m || !m[1]) throw new Error('no startxref');
  const digitsAt = at + m[0].length - m[1].length;
  const broken = Buffer.from(input);
  broken.write('1'.repeat(m[1].length), digitsAt, 'latin1');
  return new Uint8Array(broken);
}
