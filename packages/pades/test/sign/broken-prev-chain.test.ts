/**
 * Signing a file whose last trailer has a bogus /Prev (EU DSS's five-signature sample): the
 * reader rebuilds its revisions from the startxref markers, so the signer appends to it and the
 * five signatures and the document timestamp stay intact, each over its own revision.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument } from '@paraphe/pdf';
import { validate } from '../../src/index.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { createFixture, type Fixture } from './support/fixture.js';

const FILE = new URL('../../../../../shared/corpus/dss/pades-5-signatures-and-1-document-timestamp.pdf', import.meta.url);

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

describe('signing dss/pades-5-signatures-and-1-document-timestamp.pdf (/Prev 0)', () => {
  it('keeps its 5 signatures and its document timestamp intact', async () => {
    expect(existsSync(FILE), `corpus file missing: ${FILE.pathname}`).toBe(true);
    const bytes = new Uint8Array(readFileSync(FILE));
    expect(PdfDocument.load(bytes).recovered).toBe(false);
    const out = await signPdf(bytes, fx.rsaOptions());
    expect(Buffer.from(out.subarray(0, bytes.length)).equals(Buffer.from(bytes))).toBe(true);
    const after = PdfDocument.load(out);
    expect([after.recovered, after.revisions.length]).toEqual([false, 9]);

    const at = new Date('2026-12-04T00:00:00Z');
    const report = await validate(out, { trustAnchors: [fx.pki.root.der], at });
    expect(report.signatures).toHaveLength(7);
    const earlier = report.signatures.slice(0, 6);
    expect(earlier.filter((s) => s.subFilter === 'ETSI.RFC3161')).toHaveLength(1);
    for (const s of earlier) {
      expect([s.field, s.intact, s.cryptoValid, s.coverage]).toEqual([s.field, true, true, 'ENTIRE_REVISION']);
      // Nothing our update wrote is held against them. The file itself drops the Adobe
      // /DocChecksum trailer entry in its seventh revision, which the validator reports.
      expect(s.changes.filter((c) => !/\/DocChecksum removed/.test(c)), s.field ?? '').toEqual([]);
    }
    const mine = report.signatures[6]!;
    expect([mine.indication, mine.intact, mine.cryptoValid, mine.coverage]).toEqual(['TOTAL_PASSED', true, true, 'ENTIRE_FILE']);
  });
});
