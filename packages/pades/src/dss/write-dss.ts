/**
 * Writes or extends the Document Security Store (ETSI EN 319 142-1 §5.4): /Certs, /OCSPs and
 * /CRLs arrays of streams (old entries kept, duplicates by content not written twice) and one
 * /VRI entry per signature.
 */
import {
  decodeStream, pdfArray, pdfDict, pdfName, pdfNumber, pdfStream,
  type IncrementalUpdate, type PdfDocument, type PdfObject, type PdfRef,
} from '@paraphe/pdf';
import type { CatalogDraft } from '../sign/catalog-draft.js';
import { asArray, asDict, asRef } from '../sign/document-access.js';
import { bytesKey } from './bytes-key.js';
import type { ValidationMaterial } from './collect-validation-data.js';

export interface VriEntry {
  readonly key: string;
  readonly material: ValidationMaterial;
}

type Kind = 'Certs' | 'OCSPs' | 'CRLs';

export function writeDss(doc: PdfDocument, update: IncrementalUpdate, catalog: CatalogDraft, entries: readonly VriEntry[]): void {
  const dssObj = catalog.current.entries.get('DSS');
  const dssRef = asRef(dssObj);
  const old = asDict(doc, dssObj);
  const arrays = new Map<Kind, PdfObject[]>();
  const known = new Map<string, PdfRef>();
  for (const kind of ['Certs', 'OCSPs', 'CRLs'] as const) {
    const items = asArray(doc, old?.entries.get(kind))?.items ?? [];
    arrays.set(kind, [...items]);
    for (const item of items) {
      const ref = asRef(item);
      const stream = ref ? doc.resolve(ref) : undefined;
      if (ref && stream?.kind === 'stream') {
        try {
          known.set(`${kind}:${bytesKey(decodeStream(stream, doc))}`, ref);
        } catch {
          // An undecodable old entry is kept as it is; it just cannot serve for deduplication.
        }
      }
    }
  }
  const refFor = (kind: Kind, der: Uint8Array): PdfRef => {
    const key = `${kind}:${bytesKey(der)}`;
    const existing = known.get(key);
    if (existing) return existing;
    const ref = update.allocate();
    update.set(ref, pdfStream(pdfDict({ Length: pdfNumber(der.length) }), der));
    known.set(key, ref);
    arrays.get(kind)?.push(ref);
    return ref;
  };
  const vri = new Map<string, PdfObject>(asDict(doc, old?.entries.get('VRI'))?.entries ?? []);
  for (const { key, material } of entries) {
    const v: [string, PdfObject][] = [];
    const certs = material.certs.map((c) => refFor('Certs', c));
    const ocsps = material.ocsps.map((c) => refFor('OCSPs', c));
    const crls = material.crls.map((c) => refFor('CRLs', c));
    if (certs.length) v.push(['Cert', pdfArray(certs)]);
    if (ocsps.length) v.push(['OCSP', pdfArray(ocsps)]);
    if (crls.length) v.push(['CRL', pdfArray(crls)]);
    vri.set(key, pdfDict(v));
  }
  const dss: [string, PdfObject][] = [['Type', pdfName('DSS')]];
  for (const kind of ['Certs', 'OCSPs', 'CRLs'] as const) {
    const items = arrays.get(kind) ?? [];
    if (items.length) dss.push([kind, pdfArray(items)]);
  }
  dss.push(['VRI', pdfDict(vri)]);
  const dict = pdfDict(dss);
  if (dssRef) update.set(dssRef, dict);
  else {
    const ref = update.allocate();
    update.set(ref, dict);
    catalog.set('DSS', ref);
  }
}

/** VRI keys already present in the document's DSS. */
export function existingVriKeys(doc: PdfDocument): Set<string> {
  const dss = asDict(doc, doc.catalog().entries.get('DSS'));
  const vri = asDict(doc, dss?.entries.get('VRI'));
  return new Set(vri ? [...vri.entries.keys()] : []);
}
