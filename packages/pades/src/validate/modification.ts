/**
 * Maps the revision diff analysis onto a signature: what changed after the revision it signs,
 * and whether that is permitted. A disallowed change fails the signature (TOTAL_FAILED /
 * FORMAT_FAILURE, as EU DSS reports pages added or removed after signing).
 */
import type { PdfDict } from '@paraphe/pdf';
import { analyzeRevisions, fieldMdpOf, type RevisionedDocument } from '../diff/index.js';
import type { ModificationLevel } from './report.js';
import type { Certification } from './structure/doc-mdp.js';
import type { PdfView } from './structure/pdf-view.js';

export interface ModificationFacts {
  readonly modification: ModificationLevel;
  readonly changes: string[];
  readonly allowed: string[];
  readonly permitted: boolean;
}

export function modificationsAfter(doc: PdfView, revision: number | null, certification: Certification | null, field: string, signature: PdfDict): ModificationFacts {
  const last = doc.revisions.length - 1;
  if (revision === null) {
    return { modification: 'OTHER', changes: ['the signed bytes do not end at the end of a revision, so what follows them cannot be analysed'], allowed: [], permitted: false };
  }
  if (revision >= last) return { modification: 'NONE', changes: [], allowed: [], permitted: true };
  if (doc.recovered) {
    return { modification: 'OTHER', changes: ['the cross-reference data of the file is damaged and was rebuilt, so changes after the signature cannot be analysed'], allowed: [], permitted: false };
  }
  try {
    const rdoc = doc as unknown as RevisionedDocument;
    const fieldMdp = fieldMdpOf(rdoc, signature, revision);
    const r = analyzeRevisions(rdoc, revision, {
      ...(certification ? { docMdp: certification.permission } : {}),
      ...(fieldMdp ? { fieldMdp } : {}),
      signatureField: field,
    });
    return { modification: r.modification, changes: [...r.changes], allowed: [...r.allowed], permitted: r.permitted && r.changes.length === 0 };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { modification: 'OTHER', changes: [`the changes after this signature cannot be analysed${code ? ` (${code})` : ''}: ${(e as Error).message}`], allowed: [], permitted: false };
  }
}
