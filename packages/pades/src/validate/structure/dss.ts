/**
 * Reads the Document Security Store (/Root/DSS, ETSI EN 319 142-1 §5.4) of a revision: the
 * certificates, OCSP responses and CRLs stored for long-term validation.
 */
import { decodeStream, type PdfObject } from '@paraphe/pdf';
import { asDict } from '../../diff/cos.js';
import type { PdfView } from './pdf-view.js';

export interface DssData {
  readonly present: boolean;
  readonly certs: Uint8Array[];
  readonly ocsps: Uint8Array[];
  readonly crls: Uint8Array[];
  /** Oldest revision whose catalog has a /DSS (null when none). */
  readonly firstRevision: number | null;
}

const MAX_ITEMS = 5_000;
/** Total decoded DSS bytes kept: a DSS is validation data, not a place for gigabytes. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

interface Budget { left: number }

function streams(doc: PdfView, arr: PdfObject | undefined, rev: number, warnings: string[], what: string, budget: Budget): Uint8Array[] {
  const out: Uint8Array[] = [];
  const list = doc.resolve(arr, rev);
  if (list?.kind !== 'array') return out;
  for (const item of list.items.slice(0, MAX_ITEMS)) {
    const s = doc.resolve(item, rev);
    if (s?.kind !== 'stream') continue;
    if (budget.left <= 0) {
      warnings.push(`the DSS holds more than ${MAX_TOTAL_BYTES} bytes of validation data; the rest was ignored`);
      break;
    }
    try {
      const data = decodeStream(s, { resolve: (o) => doc.resolve(o, rev) }, { maxOutputBytes: Math.min(16 * 1024 * 1024, budget.left) });
      budget.left -= data.length;
      out.push(data);
    } catch (e) {
      warnings.push(`a DSS ${what} stream cannot be decoded: ${(e as Error).message}`);
    }
  }
  return out;
}

export function readDss(doc: PdfView, warnings: string[]): DssData {
  const last = doc.revisions.length - 1;
  const dss = asDict(doc.resolve(doc.catalog(last).entries.get('DSS'), last));
  let firstRevision: number | null = null;
  for (let r = 0; r <= last; r++) {
    try {
      if (doc.catalog(r).entries.has('DSS')) { firstRevision = r; break; }
    } catch (e) {
      warnings.push(`revision ${r} has no readable catalog: ${(e as Error).message}`);
    }
  }
  if (!dss) return { present: false, certs: [], ocsps: [], crls: [], firstRevision };
  const budget = { left: MAX_TOTAL_BYTES };
  return {
    present: true,
    certs: streams(doc, dss.entries.get('Certs'), last, warnings, 'certificate', budget),
    ocsps: streams(doc, dss.entries.get('OCSPs'), last, warnings, 'OCSP', budget),
    crls: streams(doc, dss.entries.get('CRLs'), last, warnings, 'CRL', budget),
    firstRevision,
  };
}
