/**
 * Form-field walk of one revision (/AcroForm /Fields, recursively through /Kids): fully
 * qualified names, inherited field types, values and widget annotations. Cycle-safe: a field
 * reached twice is a circular form tree, reported as DIFF_CIRCULAR.
 */
import type { PdfDict, PdfObject, PdfRef } from '@paraphe/pdf';
import { asDict, get, nameOf, textOf } from './cos.js';
import { objectAt, type RevisionedDocument } from './document.js';
import { DiffError } from './errors.js';
import { catalogOf } from './pages.js';
import type { Usage } from './usage-map.js';

export interface FormWidget {
  /** Undefined for a direct widget dictionary (not allowed by ISO 32000, tolerated here). */
  readonly ref?: PdfRef;
  readonly dict: PdfDict;
}

export interface FormField {
  /** Fully qualified name ("parent.child"). */
  readonly name: string;
  readonly ref?: PdfRef;
  readonly dict: PdfDict;
  /** Field type (/FT), inherited from ancestors: "Sig", "Tx", "Btn", "Ch". */
  readonly type?: string;
  /** Where the signed structure points at this field: the parent's /Kids slot or the /Fields slot. */
  readonly slot: Usage;
  /** Widget annotations: the field itself when it has no widget kids, else its kids without /T. */
  readonly widgets: readonly FormWidget[];
  /** True when the field has child fields (it is not terminal). */
  readonly hasChildFields: boolean;
}

export interface AcroFormInfo {
  /** The /AcroForm value in the catalog (reference or direct dictionary). */
  readonly slot?: PdfObject;
  readonly dict?: PdfDict;
  readonly fields: readonly FormField[];
}

const MAX_FIELDS = 100_000;
const MAX_DEPTH = 64;

/** Walks the form of revision `rev`. Throws DIFF_CIRCULAR / DIFF_LIMIT on hostile trees. */
export function walkForm(doc: RevisionedDocument, rev: number): AcroFormInfo {
  const catalog = catalogOf(doc, rev);
  const slot = get(catalog?.dict, 'AcroForm');
  const dict = asDict(slot?.kind === 'ref' ? objectAt(doc, slot.num, rev) : slot);
  if (!catalog || !dict) return { slot, dict, fields: [] };
  const holder = slot?.kind === 'ref' ? { num: slot.num, prefix: '' } : { num: catalog.ref.num, prefix: '/AcroForm' };
  const fields: FormField[] = [];
  const seen = new Set<number>();
  const visit = (value: PdfObject, slotUsage: Usage, parentName: string | undefined, inheritedType: string | undefined, depth: number): void => {
    if (depth > MAX_DEPTH || fields.length > MAX_FIELDS) throw new DiffError('DIFF_LIMIT', 'form tree too deep or too large');
    const ref = value.kind === 'ref' ? value : undefined;
    if (ref) {
      if (seen.has(ref.num)) throw new DiffError('DIFF_CIRCULAR', `Circular reference in form tree at object ${ref.num}`);
      seen.add(ref.num);
    }
    const node = asDict(ref ? objectAt(doc, ref.num, rev) : value);
    if (!node) return;
    const partial = textOf(get(node, 'T'));
    const name = partial === undefined ? (parentName ?? '') : parentName ? `${parentName}.${partial}` : partial;
    const type = nameOf(get(node, 'FT')) ?? inheritedType;
    const kids = get(node, 'Kids');
    const kidItems = kids?.kind === 'array' ? kids.items : kids?.kind === 'ref' ? asArray(objectAt(doc, kids.num, rev)) : [];
    const widgets: FormWidget[] = [];
    let hasChildFields = false;
    const childFields: Array<[PdfObject, Usage]> = [];
    kidItems.forEach((kid, i) => {
      const kidDict = asDict(kid.kind === 'ref' ? objectAt(doc, kid.num, rev) : kid);
      if (!kidDict) return;
      const kidSlot: Usage = kids?.kind === 'ref' ? { from: kids.num, key: `[${i}]` } : { from: ref?.num ?? slotUsage.from, key: `${ref ? '' : slotUsage.key}/Kids[${i}]` };
      if (get(kidDict, 'T') === undefined && (nameOf(get(kidDict, 'Subtype')) === 'Widget' || get(kidDict, 'Kids') === undefined)) {
        if (kid.kind === 'ref') {
          if (seen.has(kid.num)) throw new DiffError('DIFF_CIRCULAR', `Circular reference in form tree at object ${kid.num}`);
          seen.add(kid.num);
        }
        widgets.push({ ref: kid.kind === 'ref' ? kid : undefined, dict: kidDict });
      } else {
        hasChildFields = true;
        childFields.push([kid, kidSlot]);
      }
    });
    if (kidItems.length === 0) widgets.push({ ref, dict: node });
    fields.push({ name, ref, dict: node, type, slot: slotUsage, widgets, hasChildFields });
    for (const [kid, kidSlot] of childFields) visit(kid, kidSlot, name, type, depth + 1);
  };
  const fieldsSlot = get(dict, 'Fields');
  const list = fieldsSlot?.kind === 'ref' ? asArray(objectAt(doc, fieldsSlot.num, rev)) : fieldsSlot?.kind === 'array' ? fieldsSlot.items : [];
  list.forEach((f, i) => {
    const usage: Usage = fieldsSlot?.kind === 'ref' ? { from: fieldsSlot.num, key: `[${i}]` } : { from: holder.num, key: `${holder.prefix}/Fields[${i}]` };
    visit(f, usage, undefined, undefined, 0);
  });
  return { slot, dict, fields };
}

function asArray(obj: PdfObject | undefined): readonly PdfObject[] {
  return obj?.kind === 'array' ? obj.items : [];
}
