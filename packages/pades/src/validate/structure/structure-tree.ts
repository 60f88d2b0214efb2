/**
 * Walks the logical structure tree (/StructTreeRoot /K) cycle-safe and bounded, so that a
 * damaged tree is reported as a warning (pyHanko's diff analysis refuses such files).
 */
import type { PdfObject } from '@paraphe/pdf';
import { asDict } from '../../diff/cos.js';
import type { PdfView } from './pdf-view.js';

const MAX_NODES = 20_000;
const MAX_DEPTH = 256;

export function checkStructureTree(doc: PdfView, warnings: string[]): void {
  const root = asDict(doc.resolve(doc.catalog().entries.get('StructTreeRoot')));
  if (!root) return;
  const onPath = new Set<number>();
  let visited = 0;
  const walk = (obj: PdfObject | undefined, depth: number): boolean => {
    if (!obj || ++visited > MAX_NODES) return true;
    if (depth > MAX_DEPTH) {
      warnings.push(`the structure tree is deeper than ${MAX_DEPTH} levels`);
      return false;
    }
    const num = obj.kind === 'ref' ? obj.num : undefined;
    if (num !== undefined) {
      if (onPath.has(num)) {
        warnings.push(`circular reference in the structure tree at object ${num}`);
        return false;
      }
      onPath.add(num);
    }
    const value = doc.resolve(obj);
    const kids = value?.kind === 'array' ? value.items : value?.kind === 'dict' ? [value.entries.get('K')] : [];
    let ok = true;
    for (const kid of kids) {
      // Marked-content ids (integers) and MCR/OBJR leaves end the walk.
      if (kid && (kid.kind === 'ref' || kid.kind === 'array' || kid.kind === 'dict') && !walk(kid, depth + 1)) { ok = false; break; }
    }
    if (num !== undefined) onPath.delete(num);
    return ok;
  };
  walk(root.entries.get('K'), 0);
}
