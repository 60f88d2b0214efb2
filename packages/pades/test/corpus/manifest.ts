/**
 * The public corpus manifest (/work/shared/corpus/manifest.json) and what each of its
 * expectation categories means for `validate` (documented in exceptions.json's header too).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../../../../shared/corpus');

export interface ManifestEntry {
  readonly dest: string;
  readonly expect: string;
  readonly why: string;
  readonly ref: string;
  readonly measured: unknown;
}

export type Category = 'valid-trusted' | 'valid' | 'valid-untrusted' | 'invalid' | 'modified' | 'modified-xml' | 'indeterminate' | 'parse-ok' | 'parse-error' | 'no-crash' | 'mixed' | 'not-failed';

export function loadManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

/** Maps an origin expectation onto what our validator must do; null = not a validation expectation. */
export function categoryOf(e: ManifestEntry): Category | null {
  const x = e.expect;
  const first = x.split(' ')[0];
  if (e.dest.startsWith('pyhanko/xml/bad-xml/') && first === 'modified') return 'modified-xml';
  switch (first) {
    case 'valid': return /trusted with pyHanko test root/.test(x) ? 'valid-trusted' : 'valid';
    case 'valid-untrusted': return 'valid-untrusted';
    case 'invalid': return 'invalid';
    case 'modified': return 'modified';
    case 'indeterminate': return 'indeterminate';
    case 'no-crash': return 'no-crash';
    case 'mixed:': return 'mixed';
    case 'not': return x.startsWith('not TOTAL_FAILED') ? 'not-failed' : null;
    case 'parse-ok':
    case 'parse-error':
      // The validator reads leniently (as viewers do): "parse-ok (lenient)" / "with recovery" must give
      // a report, and so must files whose only stated error is a strict-mode one ("parse-error (strict)").
      if (/parse-ok/.test(x)) return 'parse-ok';
      return /^parse-error \(strict\)$/.test(x.trim()) ? 'parse-ok' : 'parse-error';
    default: return null;
  }
}

/** The validation clock the origin test pins. */
export function clockOf(e: ManifestEntry): Date | undefined {
  const m = /Clock:? (\d{4}-\d{2}-\d{2})/i.exec(`${e.why} ${e.expect}`);
  if (m) return new Date(`${m[1]}T00:00:00Z`);
  if (e.dest.startsWith('pyhanko/')) return new Date('2020-11-01T00:00:00Z');
  return undefined;
}

function pemToDer(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/** pyHanko's generated test roots, extracted from the signed files themselves. */
export function pyhankoRoots(): Uint8Array[] {
  const dir = join(CORPUS_DIR, 'pyhanko/crypto/extracted');
  return readdirSync(dir).filter((f) => f.startsWith('Root_CA')).map((f) => pemToDer(readFileSync(join(dir, f), 'utf8')));
}
