/**
 * Public vocabulary of revision diff analysis: how far a document may have been changed after
 * a signature, and the typed result the validator puts in its report.
 */

/**
 * Ordered from least to most invasive. Each level includes the ones before it:
 * - `NONE`: no later revision changes anything.
 * - `LTA_UPDATES`: only long-term-validation material (DSS, document timestamps, xref/object
 *   streams, document information).
 * - `FORM_FILLING`: new signature fields, signing empty fields, filling unlocked form fields.
 * - `ANNOTATIONS`: annotations (other than widgets) added, changed or removed.
 * - `OTHER`: anything else — the signed content may no longer be what was signed.
 * The level says nothing about whether the cryptography or the coverage is sound.
 */
export type ModificationLevel = 'NONE' | 'LTA_UPDATES' | 'FORM_FILLING' | 'ANNOTATIONS' | 'OTHER';

export const LEVELS: readonly ModificationLevel[] = ['NONE', 'LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'OTHER'];

export function levelRank(level: ModificationLevel): number {
  return LEVELS.indexOf(level);
}

export function maxLevel(a: ModificationLevel, b: ModificationLevel): ModificationLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/** DocMDP permission (ISO 32000-1 §12.8.2.2): 1 no changes, 2 form filling and signing, 3 also annotations. */
export type DocMdpPermission = 1 | 2 | 3;

/** The most invasive level a DocMDP permission tolerates; no certification tolerates annotations. */
export function permittedLevel(docMdp: DocMdpPermission | undefined): ModificationLevel {
  if (docMdp === 1) return 'LTA_UPDATES';
  if (docMdp === 2) return 'FORM_FILLING';
  return 'ANNOTATIONS';
}

/** A FieldMDP lock (ISO 32000-1 Table 256): which fully qualified field names may no longer change. */
export interface FieldMdpSpec {
  readonly action: 'All' | 'Include' | 'Exclude';
  /** Fully qualified field names for `Include` / `Exclude`. */
  readonly fields?: readonly string[];
}

export function isFieldLocked(spec: FieldMdpSpec | undefined, name: string): boolean {
  if (!spec) return false;
  const listed = (spec.fields ?? []).includes(name);
  if (spec.action === 'All') return true;
  if (spec.action === 'Include') return listed;
  return !listed;
}

export interface AnalyzeOptions {
  /** Permission in force from a certification signature, if the document is certified. */
  readonly docMdp?: DocMdpPermission;
  /** Field lock in force for the signature being analysed, if any. */
  readonly fieldMdp?: FieldMdpSpec;
  /** Fully qualified name of the analysed signature's field (used in messages and lock checks). */
  readonly signatureField?: string;
}

export interface DiffResult {
  /** Worst level among all later revisions; `OTHER` whenever `changes` is not empty. */
  readonly modification: ModificationLevel;
  /** One human-readable reason per disallowed change, naming the object and its path. */
  readonly changes: readonly string[];
  /** Human-readable summary of the allowed changes, for the report. */
  readonly allowed: readonly string[];
  /** False when a disallowed change exists under the DocMDP / FieldMDP permissions in force. */
  readonly permitted: boolean;
}
