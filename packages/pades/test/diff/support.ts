/**
 * Test helpers for diff analysis: corpus access and mapping each signature to the revision
 * its /ByteRange ends with.
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PdfDocument, type PdfDict } from '@paraphe/pdf';
import { signatureFieldsOf } from '../../src/diff/index.js';

export const CORPUS = resolve(import.meta.dirname, '../../../../../shared/corpus');

export interface ManifestEntry {
  readonly dest: string;
  readonly expect: string;
  readonly why: string;
}

export function manifest(): ManifestEntry[] {
  const path = resolve(CORPUS, 'manifest.json');
  if (!existsSync(path)) throw new Error(`corpus manifest missing at ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as ManifestEntry[];
}

export function corpusBytes(dest: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(CORPUS, dest)));
}

export function loadCorpus(dest: string): PdfDocument {
  return PdfDocument.load(corpusBytes(dest));
}

export interface SignedRevision {
  readonly field: string;
  /** Revision whose end is the end of the /ByteRange, or null when none matches. */
  readonly revision: number | null;
  readonly docTimestamp: boolean;
}

/** Every filled signature field with the revision its signature covers, in file order. */
export function signedRevisions(doc: PdfDocument): SignedRevision[] {
  const out: SignedRevision[] = [];
  for (const f of signatureFieldsOf(doc)) {
    if (!f.value) continue;
    const sig = doc.getObject(f.value.num);
    const dict = sig?.kind === 'dict' ? sig : undefined;
    const br = byteRange(dict);
    const end = br ? br[2]! + br[3]! : -1;
    const rev = doc.revisions.findIndex((r) => r.endOffset === end);
    const type = dict?.entries.get('Type');
    out.push({ field: f.name, revision: rev >= 0 ? rev : null, docTimestamp: type?.kind === 'name' && type.value === 'DocTimeStamp' });
  }
  return out.sort((a, b) => (a.revision ?? 1e9) - (b.revision ?? 1e9));
}

function byteRange(dict: PdfDict | undefined): number[] | undefined {
  const br = dict?.entries.get('ByteRange');
  if (br?.kind !== 'array') return undefined;
  const nums = br.items.map((i) => (i.kind === 'number' ? i.value : NaN));
  return nums.length === 4 && nums.every(Number.isFinite) ? nums : undefined;
}
