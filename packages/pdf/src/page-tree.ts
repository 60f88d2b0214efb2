/**
 * Page tree walk (ISO 32000-1 §7.7.3): the leaves in document order, safe against cycles and
 * hostile depth. Inherited attributes are not applied.
 */
import { PdfError } from './errors.js';
import { refKey, type PdfDict, type PdfObject, type PdfRef } from './objects.js';

/** What the walk needs from a document, bound to one revision. */
export interface PageTreeSource {
  catalog(): PdfDict;
  getObject(num: number): PdfObject | undefined;
  resolve(obj: PdfObject | undefined): PdfObject | undefined;
  /** Throws or warns when a reference's generation does not match the xref. */
  checkRef(ref: PdfRef): void;
  warn(message: string): void;
}

export function walkPages(src: PageTreeSource, maxDepth: number): { ref: PdfRef; dict: PdfDict }[] {
  const out: { ref: PdfRef; dict: PdfDict }[] = [];
  const root = src.catalog().entries.get('Pages');
  if (root?.kind !== 'ref') {
    if (root !== undefined) src.warn('catalog /Pages is not an indirect reference');
    return out;
  }
  const visited = new Set<string>();
  const walk = (ref: PdfRef, depth: number): void => {
    const key = refKey(ref);
    if (visited.has(key)) {
      src.warn(`page tree cycle at ${key}`);
      return;
    }
    if (depth > maxDepth) throw new PdfError('PDF_LIMIT', 'page tree deeper than maxDepth');
    visited.add(key);
    src.checkRef(ref);
    const node = src.getObject(ref.num);
    if (node?.kind !== 'dict') {
      src.warn(`page tree node ${key} is not a dictionary`);
      return;
    }
    const type = node.entries.get('Type');
    const kids = src.resolve(node.entries.get('Kids'));
    const isNode = type?.kind === 'name' ? type.value === 'Pages' : kids?.kind === 'array';
    if (!isNode) {
      out.push({ ref, dict: node });
      return;
    }
    if (kids?.kind !== 'array') {
      src.warn(`page tree node ${key} has no /Kids array`);
      return;
    }
    for (const kid of kids.items) {
      if (kid.kind === 'ref') walk(kid, depth + 1);
      else src.warn(`page tree node ${key} has a direct kid`);
    }
  };
  walk(root, 0);
  return out;
}
