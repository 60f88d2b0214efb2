/**
 * Finds the signatures of a document through the AcroForm field tree of the latest revision:
 * signature fields (/FT /Sig, possibly inherited) whose /V is a signature or document
 * timestamp dictionary. One signature value referenced by several fields is one signature.
 */
import type { PdfDict, PdfObject } from '@paraphe/pdf';
import { asDict, nameOf, refOf, textOf } from '../../diff/cos.js';
import type { PdfView } from './pdf-view.js';

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

/** Signatures of revision `rev` (default: the latest), as that revision's form describes them. */
export function findSignatures(doc: PdfView, warnings: string[], rev?: number): FoundSignature[] {
  const catalog = doc.catalog(rev);
  const acro = asDict(doc.resolve(catalog.entries.get('AcroForm'), rev));
  const fields = doc.resolve(acro?.entries.get('Fields'), rev);
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
    const dict = asDict(doc.resolve(item.obj, rev));
    if (!dict) continue;
    const partial = textOf(dict.entries.get('T'));
    const name = partial === undefined ? item.parentName : item.parentName ? `${item.parentName}.${partial}` : partial;
    const ft = nameOf(dict.entries.get('FT')) ?? item.ft;
    const holder = ref?.num ?? item.holder;
    const v = dict.entries.get('V');
    if (ft === 'Sig' && v !== undefined) {
      const vRef = refOf(v);
      const sig = asDict(doc.resolve(v, rev));
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
    const kids = doc.resolve(dict.entries.get('Kids'), rev);
    if (kids?.kind === 'array') {
      for (let i = kids.items.length - 1; i >= 0; i--) stack.push({ obj: kids.items[i]!, parentName: name, ft, depth: item.depth + 1, holder });
    }
  }
  return [...byKey.values()];
}

const MAX_REVISIONS_SCANNED = 50;

/**
 * Signatures that an earlier revision's form had and the latest one no longer lists: removing
 * a signature is never part of a legitimate workflow, so it is reported (as a warning).
 */
export function removedSignatures(doc: PdfView, current: readonly FoundSignature[]): string[] {
  const known = new Set(current.map((s) => s.container));
  const out: string[] = [];
  const last = doc.revisions.length - 1;
  for (let r = Math.max(0, last - MAX_REVISIONS_SCANNED); r < last; r++) {
    let earlier: FoundSignature[];
    try {
      earlier = findSignatures(doc, [], r);
    } catch (e) {
      out.push(`the form of revision ${r} cannot be read: ${(e as Error).message}`);
      continue;
    }
    for (const s of earlier) {
      if (s.container === null || known.has(s.container)) continue;
      known.add(s.container);
      out.push(`signature field "${s.fieldNames.join(', ')}" (object ${s.container}) of revision ${r} is no longer in the document's form: a signature was removed`);
    }
  }
  return out;
}
