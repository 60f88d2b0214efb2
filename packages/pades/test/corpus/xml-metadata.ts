/**
 * Builds the pyHanko bad-xml scenario: a signed corpus file plus an incremental update that
 * installs a hostile XML payload as the catalog /Metadata stream.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IncrementalUpdate, PdfDocument, pdfDict, pdfName, pdfNumber, pdfStream, withEntry } from '@paraphe/pdf';
import { CORPUS_DIR } from './manifest.js';

export const XML_BASE = 'pyhanko/pdf/pades-with-old-style-signing-cert-attr.pdf';

export function withXmlMetadata(xml: Uint8Array): Uint8Array {
  const base = new Uint8Array(readFileSync(join(CORPUS_DIR, XML_BASE)));
  const doc = PdfDocument.load(base);
  const root = doc.trailer().entries.get('Root');
  if (root?.kind !== 'ref') throw new Error(`${XML_BASE}: /Root is not a reference`);
  const up = new IncrementalUpdate(doc);
  const meta = up.allocate();
  up.set(meta, pdfStream(pdfDict({ Type: pdfName('Metadata'), Subtype: pdfName('XML'), Length: pdfNumber(xml.length) }), xml));
  up.set(root, withEntry(doc.catalog(), 'Metadata', meta));
  const { tail } = up.build();
  const out = new Uint8Array(base.length + tail.length);
  out.set(base, 0);
  out.set(tail, base.length);
  return out;
}
