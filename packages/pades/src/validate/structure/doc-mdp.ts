/**
 * The certification (DocMDP) permission in force: /Root/Perms/DocMDP points at the
 * certification signature, whose /Reference transform parameters carry /P (default 2).
 */
import { asDict, nameOf, refOf } from '../../diff/cos.js';
import type { PdfView } from './pdf-view.js';

export interface Certification {
  readonly permission: 1 | 2 | 3;
  /** Object number of the certification signature dictionary, when indirect. */
  readonly signature: number | null;
}

/**
 * Read from the oldest revision that declares one: a later revision cannot lift the
 * restrictions by dropping /Perms (that removal is itself a change the diff reports).
 */
export function certificationOf(doc: PdfView): Certification | null {
  for (let rev = 0; rev < doc.revisions.length; rev++) {
    const found = certificationIn(doc, rev);
    if (found) return found;
  }
  return null;
}

function certificationIn(doc: PdfView, rev: number): Certification | null {
  const perms = asDict(doc.resolve(doc.catalog(rev).entries.get('Perms'), rev));
  const docMdpObj = perms?.entries.get('DocMDP');
  const sig = asDict(doc.resolve(docMdpObj, rev));
  if (!sig) return null;
  let permission: 1 | 2 | 3 = 2;
  const refs = doc.resolve(sig.entries.get('Reference'), rev);
  if (refs?.kind === 'array') {
    for (const item of refs.items) {
      const r = asDict(doc.resolve(item, rev));
      if (nameOf(r?.entries.get('TransformMethod')) !== 'DocMDP') continue;
      const params = asDict(doc.resolve(r?.entries.get('TransformParams'), rev));
      const p = doc.resolve(params?.entries.get('P'), rev);
      if (p?.kind === 'number' && (p.value === 1 || p.value === 2 || p.value === 3)) permission = p.value;
    }
  }
  return { permission, signature: refOf(docMdpObj)?.num ?? null };
}
