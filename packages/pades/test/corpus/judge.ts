/**
 * Decides whether one validation outcome agrees with the corpus origin's verdict, and says
 * why not when it disagrees.
 */
import type { SignatureReport, ValidationReport } from '../../src/index.js';
import type { Category, ManifestEntry } from './manifest.js';

export type Outcome = { readonly report: ValidationReport } | { readonly error: { readonly name: string; readonly code?: string; readonly message: string } };

/** Intact, cryptographically valid, covering a whole revision, no disallowed change, not failed. */
export function soundButMaybeUntrusted(s: SignatureReport): boolean {
  return s.intact && s.cryptoValid && (s.coverage === 'ENTIRE_FILE' || s.coverage === 'ENTIRE_REVISION') && s.changes.length === 0 && s.indication !== 'TOTAL_FAILED';
}

const DEFECT_SUBS = new Set(['FORMAT_FAILURE', 'HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'CRYPTO_CONSTRAINTS_FAILURE', 'SIGNED_DATA_NOT_FOUND', 'NO_SIGNING_CERTIFICATE_FOUND']);

function defective(s: SignatureReport): boolean {
  return s.indication === 'TOTAL_FAILED' || !s.intact || !s.cryptoValid || (s.subIndication !== null && DEFECT_SUBS.has(s.subIndication));
}

/** Returns null when we agree, else the reason of the disagreement. */
export function judge(e: ManifestEntry, cat: Category, out: Outcome): string | null {
  if ('error' in out) {
    if (out.error.name !== 'ValidationError') return `crashed with ${out.error.name}: ${out.error.message}`;
    if (cat === 'parse-error' || cat === 'no-crash') return null;
    return `threw ${out.error.code}: ${out.error.message}`;
  }
  const r = out.report;
  const sigs = r.signatures;
  const brief = (): string => `${r.indication} [${sigs.map((s) => `${s.indication}/${s.subIndication} ${s.coverage} ${s.modification}`).join('; ')}]`;
  switch (cat) {
    case 'valid-trusted':
      return r.indication === 'TOTAL_PASSED' ? null : `expected TOTAL_PASSED, got ${brief()} — ${sigs.flatMap((s) => s.reasons).join(' | ')}`;
    case 'valid':
    case 'valid-untrusted':
      if (sigs.length === 0) return 'no signature found';
      return sigs.every(soundButMaybeUntrusted) ? null : `expected every signature intact and unmodified, got ${brief()} — ${sigs.flatMap((s) => s.reasons).join(' | ')}`;
    case 'invalid':
      if (r.indication === 'TOTAL_PASSED') return 'expected a rejection, got TOTAL_PASSED';
      if (sigs.length === 0 || sigs.some(defective)) return null;
      return `expected a signature defect, got ${brief()}`;
    case 'modified':
    case 'modified-xml':
      if (r.indication === 'TOTAL_PASSED') return 'expected disallowed changes, got TOTAL_PASSED';
      return sigs.some((s) => s.changes.length > 0 && s.indication === 'TOTAL_FAILED') ? null : `expected a disallowed change, got ${brief()}`;
    case 'indeterminate': {
      const sub = /\(([A-Z_]+)\)/.exec(e.expect)?.[1] ?? (/signer cert missing/.test(e.expect) ? 'NO_SIGNING_CERTIFICATE_FOUND' : undefined);
      if (r.indication !== 'INDETERMINATE') return `expected INDETERMINATE, got ${brief()}`;
      return !sub || sigs.some((s) => s.subIndication === sub) ? null : `expected sub-indication ${sub}, got ${brief()}`;
    }
    case 'mixed':
      return sigs.some(soundButMaybeUntrusted) && sigs.some((s) => s.indication === 'TOTAL_FAILED') ? null : `expected one sound and one failed signature, got ${brief()}`;
    case 'not-failed':
      return r.indication !== 'TOTAL_FAILED' ? null : `expected not TOTAL_FAILED, got ${brief()}`;
    case 'parse-ok':
    case 'no-crash':
      return null;
    case 'parse-error':
      // A clean error, or a report that names the damage it found (never a silent pass).
      return r.indication !== 'TOTAL_PASSED' && r.warnings.some((w) => !w.startsWith('no signature')) ? null : `expected a clean error, got a report without warnings: ${brief()}`;
  }
}
