/**
 * Page-tree walk of one revision: the leaf pages in order, with the tree nodes that lead to
 * them. A node seen twice means a cycle, which is reported rather than followed.
 */
import type { PdfDict, PdfRef } from '@paraphe/pdf';
import { asDict, get, nameOf } from './cos.js';
import { objectAt, type RevisionedDocument } from './document.js';
import { DiffError } from './errors.js';

export interface PageNode {
  readonly ref: PdfRef;
  readonly dict: PdfDict;
  /** 0-based position among the leaf pages. */
  readonly index: number;
}

const MAX_PAGES = 1_000_000;
const MAX_DEPTH = 256;

export function catalogOf(doc: RevisionedDocument, rev: number): { ref: PdfRef; dict: PdfDict } | undefined {
  const root = get(doc.trailer(rev), 'Root');
  if (!root || root.kind !== 'ref') return undefined;
  const dict = asDict(objectAt(doc, root.num, rev));
  return dict ? { ref: root, dict } : undefined;
}

/** Leaf pages of revision `rev`; throws DIFF_CIRCULAR on a cycle and DIFF_MALFORMED on a direct kid. */
export function walkPages(doc: RevisionedDocument, rev: number): PageNode[] {
  const pages: PageNode[] = [];
  const root = get(catalogOf(doc, rev)?.dict, 'Pages');
  if (!root || root.kind !== 'ref') return pages;
  const onPath = new Set<number>();
  const seen = new Set<number>();
  const visit = (ref: PdfRef, depth: number): void => {
    if (onPath.has(ref.num)) throw new DiffError('DIFF_CIRCULAR', `Circular reference in page tree at object ${ref.num}`);
    if (seen.has(ref.num)) throw new DiffError('DIFF_MALFORMED', `page tree node ${ref.num} appears twice in the page tree`);
    if (depth > MAX_DEPTH || pages.length > MAX_PAGES) throw new DiffError('DIFF_LIMIT', 'page tree too deep or too large');
    seen.add(ref.num);
    const dict = asDict(objectAt(doc, ref.num, rev));
    if (!dict) return;
    const kids = get(dict, 'Kids');
    if (nameOf(get(dict, 'Type')) === 'Pages' || (kids && kids.kind === 'array' && nameOf(get(dict, 'Type')) !== 'Page')) {
      onPath.add(ref.num);
      for (const kid of kids?.kind === 'array' ? kids.items : []) {
        if (kid.kind !== 'ref') throw new DiffError('DIFF_MALFORMED', `page tree node ${ref.num} has a direct /Kids entry (kids must be indirect)`);
        visit(kid, depth + 1);
      }
      onPath.delete(ref.num);
      return;
    }
    pages.push({ ref, dict, index: pages.length });
  };
  visit(root, 0);
  return pages;
}
