/**
 * Permissions a certification signature (DocMDP) or a field lock (FieldMDP) put in force,
 * read from the catalog /Perms and from signature reference dictionaries.
 */
import { pdfDict, type PdfDict, type PdfObject, type PdfRef } from '@paraphe/pdf';
import { asDict, get, nameOf, numberOf, textOf } from './cos.js';
import { deref, type RevisionedDocument } from './document.js';
import { catalogOf } from './pages.js';
import type { DocMdpPermission, FieldMdpSpec } from './types.js';

export interface DocMdpInfo {
  /** Permission level; 2 when the transform parameters omit /P (ISO 32000-1 Table 254). */
  readonly permission: DocMdpPermission;
  /** The certification signature dictionary that /Perms /DocMDP points to. */
  readonly signature?: PdfRef;
}

/** The DocMDP permission in force in revision `rev` (default: newest), or undefined if not certified. */
export function docMdpOf(doc: RevisionedDocument, rev = doc.revisions.length - 1): DocMdpInfo | undefined {
  const perms = asDict(deref(doc, get(catalogOf(doc, rev)?.dict, 'Perms'), rev));
  const sigSlot = get(perms, 'DocMDP');
  const sig = asDict(deref(doc, sigSlot, rev));
  if (!sig) return undefined;
  const params = transformParams(doc, sig, 'DocMDP', rev);
  const p = numberOf(get(params, 'P'));
  const permission: DocMdpPermission = p === 1 || p === 3 ? p : 2;
  return { permission, signature: sigSlot?.kind === 'ref' ? sigSlot : undefined };
}

/** The FieldMDP lock declared in a signature dictionary's /Reference, if any. */
export function fieldMdpOf(doc: RevisionedDocument, signature: PdfDict, rev = doc.revisions.length - 1): FieldMdpSpec | undefined {
  const params = transformParams(doc, signature, 'FieldMDP', rev);
  return params ? fieldMdpFromDict(doc, params, rev) : undefined;
}

/** Reads a FieldMDP / signature-field /Lock dictionary (/Action, /Fields). */
export function fieldMdpFromDict(doc: RevisionedDocument, dict: PdfDict, rev: number): FieldMdpSpec | undefined {
  const action = nameOf(get(dict, 'Action'));
  if (action !== 'All' && action !== 'Include' && action !== 'Exclude') return undefined;
  const fields = deref(doc, get(dict, 'Fields'), rev);
  const names = fields?.kind === 'array' ? fields.items.map((f) => textOf(deref(doc, f, rev))).filter((s): s is string => s !== undefined) : [];
  return { action, fields: names };
}

function transformParams(doc: RevisionedDocument, sig: PdfDict, method: string, rev: number): PdfDict | undefined {
  const refs = deref(doc, get(sig, 'Reference'), rev);
  const items: readonly PdfObject[] = refs?.kind === 'array' ? refs.items : [];
  for (const item of items) {
    const sigRef = asDict(deref(doc, item, rev));
    if (nameOf(get(sigRef, 'TransformMethod')) !== method) continue;
    // Absent transform parameters mean the defaults (DocMDP /P 2).
    return asDict(deref(doc, get(sigRef, 'TransformParams'), rev)) ?? pdfDict({});
  }
  return undefined;
}
