/**
 * Signature fields of one revision, as the validator needs them: name, signature value
 * reference, widgets and the page each widget sits on.
 */
import type { PdfRef } from '@paraphe/pdf';
import { get } from './cos.js';
import { objectAt, type RevisionedDocument } from './document.js';
import { walkForm } from './form-fields.js';
import { walkPages } from './pages.js';

export interface SignatureFieldInfo {
  /** Fully qualified field name. */
  readonly name: string;
  /** The field dictionary, when indirect (it always should be). */
  readonly ref?: PdfRef;
  /** /V: the signature dictionary, undefined for an empty field. */
  readonly value?: PdfRef;
  /** Widget annotations (the field itself when field and widget are merged). */
  readonly widgets: readonly PdfRef[];
  /** 0-based index of the page holding the first widget, when it is on a page's /Annots or has /P. */
  readonly page?: number;
}

/**
 * Walks /AcroForm /Fields of revision `rev` (default: the newest) and returns its signature
 * fields. Throws DiffError DIFF_CIRCULAR on a circular form tree.
 */
export function signatureFieldsOf(doc: RevisionedDocument, rev = doc.revisions.length - 1): SignatureFieldInfo[] {
  const form = walkForm(doc, rev);
  const sigFields = form.fields.filter((f) => f.type === 'Sig' && !f.hasChildFields);
  if (sigFields.length === 0) return [];
  const pageOfAnnot = new Map<number, number>();
  const pageOfObject = new Map<number, number>();
  for (const page of walkPages(doc, rev)) {
    pageOfObject.set(page.ref.num, page.index);
    const annots = get(page.dict, 'Annots');
    const items = annots?.kind === 'array' ? annots.items : annots?.kind === 'ref' ? arrayAt(doc, annots.num, rev) : [];
    for (const a of items) if (a.kind === 'ref' && !pageOfAnnot.has(a.num)) pageOfAnnot.set(a.num, page.index);
  }
  return sigFields.map((f) => {
    const v = get(f.dict, 'V');
    const widgets = f.widgets.flatMap((w) => (w.ref ? [w.ref] : []));
    let page: number | undefined;
    for (const w of f.widgets) {
      const p = get(w.dict, 'P');
      page = (w.ref ? pageOfAnnot.get(w.ref.num) : undefined) ?? (p?.kind === 'ref' ? pageOfObject.get(p.num) : undefined);
      if (page !== undefined) break;
    }
    return { name: f.name, ref: f.ref, value: v?.kind === 'ref' ? v : undefined, widgets, page };
  });
}

function arrayAt(doc: RevisionedDocument, n: number, rev: number) {
  const obj = objectAt(doc, n, rev);
  return obj && obj.kind === 'array' ? obj.items : [];
}
