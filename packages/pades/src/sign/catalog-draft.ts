/** Collects the changes one update makes to the document catalog so it is written once. */
import { withEntry, type IncrementalUpdate, type PdfDict, type PdfDocument, type PdfObject, type PdfRef } from '@paraphe/pdf';
import { catalogRef } from './document-access.js';

export class CatalogDraft {
  private dict: PdfDict;
  private changed = false;
  readonly ref: PdfRef;

  constructor(doc: PdfDocument) {
    this.ref = catalogRef(doc);
    this.dict = doc.catalog();
  }

  get current(): PdfDict {
    return this.dict;
  }

  set(key: string, value: PdfObject): void {
    this.dict = withEntry(this.dict, key, value);
    this.changed = true;
  }

  commit(update: IncrementalUpdate): void {
    if (this.changed) update.set(this.ref, this.dict);
  }
}
