/**
 * Structural checks on real files, with the exact facts reported: coverage anomalies,
 * Signature Wrapping, one signature behind two fields, encapsulated content in a detached
 * signature, and a CMS that wraps another PDF.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate, type ValidationReport } from '../../src/index.js';
import { CORPUS_DIR } from '../corpus/manifest.js';

async function check(dest: string): Promise<ValidationReport> {
  return validate(new Uint8Array(readFileSync(join(CORPUS_DIR, dest))), { trustAnchors: [], at: new Date('2020-11-01T00:00:00Z') });
}

describe('structure of signatures (public samples)', () => {
  it('ByteRange ending inside a revision: CONTIGUOUS_BLOCK_FROM_START, TOTAL_FAILED / FORMAT_FAILURE', async () => {
    const r = await check('pyhanko/pdf/coverage-anomalies/tail-uncovered.pdf');
    expect(r.signatures[0]).toMatchObject({ coverage: 'CONTIGUOUS_BLOCK_FROM_START', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', intact: true, cryptoValid: true });
    expect(r.signatures[0]!.reasons.join('\n')).toMatch(/not the end of a revision/);
  });

  it('gap larger than /Contents: UNCLEAR, named', async () => {
    const r = await check('pyhanko/pdf/coverage-anomalies/signature-gap-too-big.pdf');
    expect(r.signatures[0]).toMatchObject({ coverage: 'UNCLEAR', indication: 'TOTAL_FAILED' });
    expect(r.signatures[0]!.reasons.join('\n')).toMatch(/excluded by \/ByteRange/);
  });

  it('a ByteRange with two entries: UNCLEAR, named', async () => {
    const r = await check('pyhanko/pdf/coverage-anomalies/one-byterange.pdf');
    expect(r.signatures[0]).toMatchObject({ coverage: 'UNCLEAR', indication: 'TOTAL_FAILED' });
    expect(r.signatures[0]!.reasons.join('\n')).toMatch(/\/ByteRange has 2 entries instead of 4/);
  });

  it('Signature Wrapping (DSS siwa.pdf): no signature passes, the relocated /Contents is named', async () => {
    const r = await check('dss/siwa.pdf');
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.signatures.every((s) => s.indication === 'TOTAL_FAILED')).toBe(true);
  });

  it('one signature value behind two fields: one signature, both names', async () => {
    const r = await check('dss/signature-referenced-from-multiple-fields.pdf');
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]!.field).toContain(', ');
    expect(r.signatures[0]!.reasons.join('\n')).toMatch(/referenced by 2 fields/);
  });

  it('detached SubFilter with encapsulated content: INDETERMINATE / SIGNED_DATA_NOT_FOUND, named', async () => {
    const r = await check('pyhanko/pdf/pdf-sig-with-econtent.pdf');
    expect(r.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND', intact: false });
    expect(r.signatures[0]!.reasons.join('\n')).toMatch(/encapsulates/);
  });

  it('empty encapsulated content (DSS pades-enveloping-empty-bytes-cms.pdf): named', async () => {
    const r = await check('dss/pades-enveloping-empty-bytes-cms.pdf');
    expect(r.signatures[0]!.reasons.join('\n')).toMatch(/encapsulates empty content/);
  });

  it('/Contents that is not a CMS (pyHanko weird-byterange.pdf): FORMAT_FAILURE, named', async () => {
    const r = await check('pyhanko/pdf/coverage-anomalies/weird-byterange.pdf');
    expect(r.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });

  it('a PAdES-LTA file: B-LTA level, document timestamp reported', async () => {
    const r = await check('pyhanko/pdf/pades-lta-dss-indirect-arrs-test.pdf');
    expect(r.signatures.map((s) => s.type)).toEqual(['signature', 'doc-timestamp']);
    expect(r.signatures[0]!.level).toBe('B-LTA');
  });
});
