/**
 * Data-driven robustness over the public corpus: every PDF either loads or fails with a PdfError,
 * and touching every object and decoding every stream ends in a value or a PdfError, within limits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PdfDocument, PdfError, decodeStream, type DecodeLimits } from '../src/index.js';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const LIMITS: Partial<DecodeLimits> = { maxOutputBytes: 64 << 20, deadlineMs: 5_000 };

interface Entry {
  readonly dest: string;
  readonly expect: string;
}

type Outcome = 'clean' | 'recovered' | 'throws';

function exercise(bytes: Uint8Array): { outcome: Outcome; code?: string; objectErrors: number } {
  let doc: PdfDocument;
  try {
    doc = PdfDocument.load(bytes, { limits: LIMITS });
  } catch (e) {
    if (e instanceof PdfError) return { outcome: 'throws', code: e.code, objectErrors: 0 };
    throw e;
  }
  let objectErrors = 0;
  const guard = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
      objectErrors++;
    }
  };
  for (let r = 0; r < doc.revisions.length; r++) {
    for (const n of doc.objectNumbers(r)) {
      guard(() => {
        const o = doc.getObject(n, r);
        if (o?.kind === 'stream' && r === doc.revisions.length - 1) decodeStream(o, doc, LIMITS);
      });
    }
    guard(() => doc.pages(r));
  }
  guard(() => doc.encryption());
  return { outcome: doc.recovered ? 'recovered' : 'clean', objectErrors };
}

describe('public corpus', () => {
  it('loads or fails with PdfError, never anything else', () => {
    if (!existsSync(`${corpus}manifest.json`)) throw new Error(`corpus not found at ${corpus} (expected ../shared/corpus)`);
    const manifest = JSON.parse(readFileSync(`${corpus}manifest.json`, 'utf8')) as Entry[];
    const pdfs = manifest.filter((e) => e.dest.toLowerCase().endsWith('.pdf') && existsSync(corpus + e.dest));
    expect(pdfs.length).toBeGreaterThan(100);
    const counts: Record<Outcome, number> = { clean: 0, recovered: 0, throws: 0 };
    const codes: Record<string, number> = {};
    let withObjectErrors = 0;
    const unexpectedThrows: string[] = [];
    for (const e of pdfs) {
      let r: ReturnType<typeof exercise>;
      try {
        r = exercise(new Uint8Array(readFileSync(corpus + e.dest)));
      } catch (err) {
        throw new Error(`${e.dest}: non-PdfError ${(err as Error).stack}`);
      }
      counts[r.outcome]++;
      if (r.code) codes[r.code] = (codes[r.code] ?? 0) + 1;
      if (r.objectErrors > 0) withObjectErrors++;
      // Files their origin reads successfully must at least load here.
      if (r.outcome === 'throws' && /^(parse-ok|valid)/.test(e.expect)) unexpectedThrows.push(`${e.dest} (${r.code})`);
    }
    console.log(
      `corpus: ${pdfs.length} PDFs — ${counts.clean} clean, ${counts.recovered} recovered, ${counts.throws} throw ${JSON.stringify(codes)}; ${withObjectErrors} with unreadable objects or streams`,
    );
    expect(unexpectedThrows).toEqual([]);
    expect(counts.clean + counts.recovered + counts.throws).toBe(pdfs.length);
  });
});
