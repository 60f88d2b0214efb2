/**
 * A view of the document for signature discovery that turns an unreadable object into a
 * warning and "absent" instead of aborting the whole validation (lenient, as viewers are).
 * Resource-limit errors still propagate: they must end the validation.
 */
import { PdfError, type PdfObject } from '@paraphe/pdf';
import type { PdfView } from './pdf-view.js';

const MAX_DISTINCT_WARNINGS = 20;

export function tolerantView(doc: PdfView, warnings: string[]): PdfView {
  const seen = new Set<string>();
  const swallow = (e: unknown, what: string): undefined => {
    if (!(e instanceof PdfError) || e.code === 'PDF_LIMIT') throw e;
    const message = `${what} cannot be read (${e.code}): ${e.message}`;
    if (!seen.has(message) && seen.size < MAX_DISTINCT_WARNINGS) {
      seen.add(message);
      warnings.push(message);
    }
    return undefined;
  };
  return {
    bytes: doc.bytes,
    revisions: doc.revisions,
    recovered: doc.recovered,
    warnings: doc.warnings,
    getObject(num: number, rev?: number): PdfObject | undefined {
      try {
        return doc.getObject(num, rev);
      } catch (e) {
        return swallow(e, `object ${num}`);
      }
    },
    resolve(obj: PdfObject | undefined, rev?: number): PdfObject | undefined {
      try {
        return doc.resolve(obj, rev);
      } catch (e) {
        return swallow(e, obj?.kind === 'ref' ? `object ${obj.num}` : 'a value');
      }
    },
    catalog: (rev?: number) => doc.catalog(rev),
    locate: (num: number, rev?: number) => doc.locate(num, rev),
  };
}
