/**
 * Conformance against the public corpus: every manifest entry whose origin states a
 * validation outcome is validated and compared (see judge.ts for the category mapping);
 * documented disagreements live in exceptions.json. Prints the agreement figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate, ValidationError } from '../../src/index.js';
import { judge, type Outcome } from './judge.js';
import { categoryOf, clockOf, CORPUS_DIR, loadManifest, pyhankoRoots, type Category, type ManifestEntry } from './manifest.js';
import { withXmlMetadata } from './xml-metadata.js';

const exceptions = (JSON.parse(readFileSync(join(import.meta.dirname, 'exceptions.json'), 'utf8')) as { exceptions: Record<string, string> }).exceptions;
const roots = pyhankoRoots();
const cases: { entry: ManifestEntry; cat: Category }[] = [];
for (const entry of loadManifest()) {
  const cat = categoryOf(entry);
  if (cat) cases.push({ entry, cat });
}

const tally = { agree: 0, disagree: 0, excepted: 0, slowest: { ms: 0, dest: '' } };
const byCategory = new Map<string, { agree: number; total: number }>();

async function run(entry: ManifestEntry, cat: Category): Promise<Outcome> {
  const raw = new Uint8Array(readFileSync(join(CORPUS_DIR, entry.dest)));
  const bytes = cat === 'modified-xml' ? withXmlMetadata(raw) : raw;
  const at = clockOf(entry);
  const trustAnchors = cat === 'valid-trusted' ? roots : [];
  try {
    return { report: await validate(bytes, { trustAnchors, ...(at ? { at } : {}) }) };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { error: { name: e instanceof ValidationError ? 'ValidationError' : err.name, ...(err.code ? { code: err.code } : {}), message: err.message } };
  }
}

describe('public corpus', () => {
  it('documented exceptions stay few (≤ 3 %), each with a reason, each a judged entry', () => {
    const judged = new Set(cases.map((c) => c.entry.dest));
    for (const [dest, reason] of Object.entries(exceptions)) {
      expect(judged.has(dest), `${dest} is not a judged corpus entry`).toBe(true);
      expect(reason.length).toBeGreaterThan(40);
    }
    expect(Object.keys(exceptions).length / cases.length).toBeLessThanOrEqual(0.03);
  });

  it.each(cases.map((c) => [c.entry.dest, c] as const))('%s', async (_dest, { entry, cat }) => {
    const t0 = performance.now();
    const out = await run(entry, cat);
    const ms = performance.now() - t0;
    if (ms > tally.slowest.ms) tally.slowest = { ms, dest: entry.dest };
    const problem = judge(entry, cat, out);
    const stat = byCategory.get(cat) ?? { agree: 0, total: 0 };
    stat.total++;
    byCategory.set(cat, stat);
    const excepted = exceptions[entry.dest];
    // Never a crash, whatever the category.
    if ('error' in out) expect(out.error.name, out.error.message).toBe('ValidationError');
    if (excepted !== undefined) {
      tally.excepted++;
      expect(problem, `${entry.dest} is listed in exceptions.json but now agrees with the origin: remove it`).not.toBeNull();
      return;
    }
    if (problem === null) { tally.agree++; stat.agree++; } else tally.disagree++;
    expect(problem, `${entry.dest} (${entry.expect})`).toBeNull();
  }, 20_000);

  afterAll(() => {
    const total = tally.agree + tally.disagree + tally.excepted;
    const lines = [...byCategory.entries()].map(([c, s]) => `  ${c.padEnd(16)} ${s.agree}/${s.total}`);
    console.log(`corpus agreement: ${tally.agree}/${total} agree, ${tally.excepted} documented exceptions (${((100 * tally.excepted) / Math.max(1, total)).toFixed(1)} %), ${tally.disagree} undocumented disagreements; slowest ${tally.slowest.ms.toFixed(0)} ms (${tally.slowest.dest})\n${lines.join('\n')}`);
  });
});
