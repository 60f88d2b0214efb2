/**
 * Declares the ETSI developer extension (/Extensions /ESIC, ETSI EN 319 142-1) in PDF 1.x files
 * that gain a DSS or a document timestamp, features PDF 1.7 does not define by itself.
 */
import { pdfDict, pdfName, pdfNumber, withEntry, type PdfDocument } from '@paraphe/pdf';
import type { CatalogDraft } from '../sign/catalog-draft.js';
import { asDict } from '../sign/document-access.js';

export function declareEsicExtension(doc: PdfDocument, catalog: CatalogDraft): void {
  if (!doc.version.startsWith('1.')) return; // PDF 2.0 defines DSS and document timestamps itself
  const extensions = asDict(doc, catalog.current.entries.get('Extensions')) ?? pdfDict({});
  if (extensions.entries.has('ESIC')) return;
  const esic = pdfDict({ BaseVersion: pdfName('1.7'), ExtensionLevel: pdfNumber(1) });
  catalog.set('Extensions', withEntry(extensions, 'ESIC', esic));
}
