/**
 * Builds the incremental update that adds a document timestamp (PAdES B-LTA, ISO 32000-2
 * §12.8.5): an invisible field whose /Contents is an RFC 3161 token over the ByteRange.
 */
import { pdfDict, pdfName, type PdfDocument } from '@paraphe/pdf';
import { declareEsicExtension } from '../dss/esic-extension.js';
import { appendSignedUpdate, type SignedUpdate } from './append-signed-update.js';
import { attachSignatureField } from './attach-signature-field.js';
import { CatalogDraft } from './catalog-draft.js';
import { checkedTimestamper } from './checked-timestamper.js';
import type { DocumentTimestampOptions } from './sign-options.js';

const TOKEN_ESTIMATE = 8192;

export async function createDocumentTimestampUpdate(doc: PdfDocument, options: DocumentTimestampOptions): Promise<SignedUpdate> {
  const hash = options.hash ?? 'SHA-256';
  const timestamper = checkedTimestamper(options.timestamper);
  return appendSignedUpdate(doc, {
    hash,
    estimatedSize: TOKEN_ESTIMATE,
    stage(update, placeholders) {
      const catalog = new CatalogDraft(doc);
      const sigRef = update.allocate();
      update.set(
        sigRef,
        pdfDict({
          Type: pdfName('DocTimeStamp'),
          Filter: pdfName('Adobe.PPKLite'),
          SubFilter: pdfName('ETSI.RFC3161'),
          ByteRange: placeholders.byteRange,
          Contents: placeholders.contents,
        }),
      );
      attachSignatureField(doc, update, catalog, {
        sigRef,
        baseName: 'DocTimeStamp',
        ...(options.field !== undefined ? { fieldName: options.field } : {}),
        lines: () => [],
      });
      declareEsicExtension(doc, catalog);
      catalog.commit(update);
      return sigRef;
    },
    contents: (digest) => timestamper(digest, hash),
  });
}
