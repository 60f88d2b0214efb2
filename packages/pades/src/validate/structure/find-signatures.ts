/**
 * Finds the signatures of a document through the AcroForm field tree of the latest revision:
 * signature fields (/FT /Sig, possibly inherited) whose /V is a signature or document
 * timestamp dictionary. One signature value referenced by several fields is one signature.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';
import { dictOf, nameOf, refOf, textOf, type PdfView } from './pdf-view.js';

export interface FoundSignature {
  readonly fieldNames: string[];
  readonly dict: PdfDict;
  /** Object number of the signature dictionary, or of the field holding it when direct. */
  readonly container: number | null;
  /** True when /V is an indirect reference (the normal case). */
  readonly indirect: boolean;
  readonly type: 'signature' | 'doc-timestamp';
}

const MAX_FIELDS = 20_000;
const MAX_DEPTH = 64;

interface Pending { readonly obj: PdfObject; readonly parentName: string; readonly ft: string | undefined; readonly depth: number; readonly holder: number | null }

export function findSignatures(doc: PdfView, warnings: string[]): FoundSignature[] {
  const catalog = doc.catalog();
  const acro = dictOf(doc.resolve(catalog.entries.get('AcroForm')));
  const fields = doc.resolve(acro?.entries.get('Fields'));
  if (!fields || fields.kind !== 'array') return [];
  const byKey = new Map<string, FoundSignature>();
  const visited = new Set<number>();
  const stack: Pending[] = fields.items.map((obj) => ({ obj, parentName: '', ft: undefined, depth: 0, holder: null })).reverse();
  let seen = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (++seen > MAX_FIELDS) { warnings.push(`the form field tree has more than ${MAX_FIELDS} nodes; the rest was not examined`); break; }
    if (item.depth > MAX_DEPTH) { warnings.push(`the form field tree is deeper than ${MAX_DEPTH} levels; deeper fields were not examined`); continue; }
    const ref = refOf(item.obj);
    if (ref) {
      if (visited.has(ref.num)) { warnings.push(`circular reference in the form field tree at object ${ref.num}`); continue; }
      visited.add(ref.num);
    }
    const dict = dictOf(doc.resolve(item.obj));
    if (!dict) continue;
    const partial = textOf(dict.entries.get('T'));
    const name = partial === undefined ? item.parentName : item.parentName ? `${item.parentName}.${partial}` : partial;
    const ft = nameOf(dict.entries.get('FT')) ?? item.ft;
    const holder = ref?.num ?? item.holder;
    const v = dict.entries.get('V');
    if (ft === 'Sig' && v !== undefined) {
      const vRef = refOf(v);
      const sig = dictOf(doc.resolve(v));
      if (sig) {
        const key = vRef ? `r${vRef.num}` : `d${holder ?? 'x'}:${name}`;
        const existing = byKey.get(key);
        const fieldName = name || '(unnamed)';
        if (existing) {
          if (!existing.fieldNames.includes(fieldName)) existing.fieldNames.push(fieldName);
        } else {
          const type = nameOf(sig.entries.get('Type')) === 'DocTimeStamp' || nameOf(sig.entries.get('SubFilter')) === 'ETSI.RFC3161' ? 'doc-timestamp' : 'signature';
          byKey.set(key, { fieldNames: [fieldName], dict: sig, container: vRef?.num ?? holder, indirect: vRef !== undefined, type });
        }
      } else {
        warnings.push(`signature field "${name || '(unnamed)'}" has a /V that is not a dictionary`);
      }
    }
    const kids = doc.resolve(dict.entries.get('Kids'));
    if (kids?.kind === 'array') {
      for (let i = kids.items.length - 1; i >= 0; i--) stack.push({ obj: kids.items[i]!, parentName: name, ft, depth: item.depth + 1, holder });
    }
  }
  return [...byKey.values()];
}
