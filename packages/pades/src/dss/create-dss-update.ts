/**
 * Builds the incremental update that adds validation data to the DSS (B-LT) for the given
 * signatures, kept apart from the signature's own update as PAdES requires.
 */
import { IncrementalUpdate, type PdfDocument } from '@paraphe/pdf';
import { CatalogDraft } from '../sign/catalog-draft.js';
import { declareEsicExtension } from './esic-extension.js';
import { writeDss, type VriEntry } from './write-dss.js';

export function createDssUpdate(doc: PdfDocument, entries: readonly VriEntry[]): Uint8Array {
  const update = new IncrementalUpdate(doc);
  const catalog = new CatalogDraft(doc);
  writeDss(doc, update, catalog, entries);
  declareEsicExtension(doc, catalog);
  catalog.commit(update);
  return update.build().tail;
}
