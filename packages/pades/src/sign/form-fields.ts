/**
 * Walks the interactive form's field tree (ISO 32000-1 §12.7.3) to find signature fields by
 * their fully qualified names and the signatures they already hold.
 */
import type { PdfDocument, PdfDict, PdfRef } from '@paraphe/pdf';
import { asArray, asDict, asName, asRef, asText } from './document-access.js';
import { SignError } from './sign-error.js';

export interface FormField {
  /** Fully qualified name (`parent.child`). */
  readonly name: string;
  /** Indirect reference of the field dictionary, when it is an indirect object. */
  readonly ref: PdfRef | undefined;
  readonly dict: PdfDict;
  /** Field type, inherited from ancestors when absent. */
  readonly type: string | undefined;
  /** The signature dictionary (/V) of a signed signature field. */
  readonly value: PdfDict | undefined;
}

const MAX_DEPTH = 32;

export function listFields(doc: PdfDocument): FormField[] {
  const acroForm = asDict(doc, doc.catalog().entries.get('AcroForm'));
  const roots = asArray(doc, acroForm?.entries.get('Fields'))?.items ?? [];
  const out: FormField[] = [];
  const seen = new Set<string>();
  const visit = (obj: (typeof roots)[number], prefix: string, inheritedType: string | undefined, depth: number, path: readonly string[]) => {
    const ref = asRef(obj);
    const key = ref ? `${ref.num} ${ref.gen}` : undefined;
    if (key) {
      if (path.includes(key)) {
        throw new SignError('SIGN_MALFORMED', `the form field tree has a cycle at object ${ref?.num}: repair the document before signing`);
      }
      if (seen.has(key)) return; // listed twice: one field all the same
      seen.add(key);
    }
    const dict = asDict(doc, obj);
    if (!dict || depth > MAX_DEPTH) return;
    const partial = asText(doc, dict.entries.get('T'));
    const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
    const type = asName(doc, dict.entries.get('FT')) ?? inheritedType;
    const kids = asArray(doc, dict.entries.get('Kids'))?.items ?? [];
    const fieldKids = kids.filter((k) => asDict(doc, k)?.entries.has('T'));
    if (fieldKids.length > 0) {
      for (const k of fieldKids) visit(k, name, type, depth + 1, key ? [...path, key] : path);
      return;
    }
    out.push({ name, ref, dict, type, value: asDict(doc, dict.entries.get('V')) });
  };
  for (const f of roots) visit(f, '', undefined, 0, []);
  return out;
}

/** Signature fields that hold a signature or a document timestamp. */
export function signedFields(doc: PdfDocument): FormField[] {
  return listFields(doc).filter((f) => f.type === 'Sig' && f.value !== undefined);
}

/** A name not used by any field: `${base}1`, `${base}2`… */
export function uniqueFieldName(doc: PdfDocument, base: string): string {
  const names = new Set(listFields(doc).map((f) => f.name));
  for (let i = 1; ; i++) if (!names.has(`${base}${i}`)) return `${base}${i}`;
}
