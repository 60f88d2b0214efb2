/**
 * Signing a file that others signed must not change how its earlier signatures are judged:
 * every `valid` PDF of the public corpus is signed once more and validated before and after.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { SignError } from '../../src/sign/sign-error.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { createFixture, type Fixture } from './support/fixture.js';

const CORPUS = new URL('../../../../../shared/corpus/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', CORPUS), 'utf8')) as { dest: string; expect: string }[];
const files = manifest.filter((e) => e.expect.startsWith('valid') && e.dest.endsWith('.pdf')).map((e) => e.dest);

/** Files we refuse on purpose, with the code and why. */
const REFUSED: Record<string, string> = {
  'pyhanko/pdf/certified-with-indirect-refs-in-dir.pdf': 'SIGN_DOCMDP_LOCKED', // certified with DocMDP P=1
};

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

describe('countersigning corpus files', () => {
  it('found the corpus', () => {
    expect(files.length).toBeGreaterThan(25);
  });

  for (const name of files) {
    it(name, async () => {
      const bytes = readFileSync(new URL(name, CORPUS));
      let out: Uint8Array;
      try {
        out = await signPdf(bytes, fx.rsaOptions());
      } catch (e) {
        expect(e).toBeInstanceOf(SignError);
        expect((e as SignError).code).toBe(REFUSED[name]);
        return;
      }
      expect(REFUSED[name]).toBeUndefined();
      expect(Buffer.from(out.subarray(0, bytes.length)).equals(bytes)).toBe(true);
      const at = new Date('2026-12-04T00:00:00Z');
      const before = await validate(bytes, { trustAnchors: [fx.pki.root.der], at });
      const after = await validate(out, { trustAnchors: [fx.pki.root.der], at });
      expect(after.signatures).toHaveLength(before.signatures.length + 1);
      // The earlier signatures' verdicts are exactly what they were: nothing our update writes
      // (trailer entries included, ISO 32000-1 §7.5.6) may count as a change after them.
      before.signatures.forEach((b, i) => {
        const a = after.signatures[i]!;
        const verdict = (s: typeof a) => [s.field, s.intact, s.cryptoValid, s.indication, s.subIndication];
        expect(verdict(a), `after ${JSON.stringify(verdict(a))} before ${JSON.stringify(verdict(b))}`).toEqual(verdict(b));
        // A change already reported is restated for every later revision: compare without the revision.
        const what = (c: string): string => c.replace(/^revision \d+: /, '');
        const known = new Set(b.changes.map(what));
        expect(a.changes.filter((c) => !known.has(what(c))), b.field ?? '').toEqual([]);
        // What covered the whole file now covers its revision; our update is form filling at most.
        expect(a.coverage).toBe(b.coverage === 'ENTIRE_FILE' ? 'ENTIRE_REVISION' : b.coverage);
        const order = ['NONE', 'LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'OTHER'];
        expect(a.modification).toBe(order.indexOf(b.modification) > order.indexOf('FORM_FILLING') ? b.modification : 'FORM_FILLING');
      });
      const mine = after.signatures[after.signatures.length - 1]!;
      expect([mine.indication, mine.intact, mine.cryptoValid, mine.trusted]).toEqual(['TOTAL_PASSED', true, true, true]);
    });
  }
});
