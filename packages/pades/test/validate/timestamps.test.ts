/**
 * Timestamps: a signature timestamp gives level B-T and moves the signer check to its genTime
 * (proof of existence), so a signature outlives its certificate; a document timestamp is
 * validated as such (TSA trusted for timeStamping) and raises earlier signatures to B-T.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDocumentTimestamp, validate } from '../../src/index.js';
import { minimalPdf } from './support/minimal-pdf.js';
import { signWithParaphe } from './support/signed-files.js';
import { createTestPki, type TestPki } from './support/test-pki.js';
import { testTimestamper } from './support/tsa.js';

const NOW = Date.now();
const GEN_TIME = new Date(NOW + 60_000);
const SOON = new Date(NOW + 3_600_000);
const AFTER_EXPIRY = new Date(NOW + 30 * 86_400_000);
let pki: TestPki;
beforeAll(() => {
  pki = createTestPki({ signerDays: 2 });
});

describe('timestamps', () => {
  it('B-T: signature timestamp verified, level B-T, its time reported', async () => {
    const signed = await signWithParaphe(pki, minimalPdf(), { level: 'B-T', timestamper: testTimestamper(pki, GEN_TIME) });
    const r = await validate(signed, { trustAnchors: [pki.rootDer], at: SOON });
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures[0]).toMatchObject({ level: 'B-T', signingTime: { timestamp: GEN_TIME.toISOString() } });
  });

  it('after the signer certificate expired: passes with a signature timestamp, not without', async () => {
    const stamped = await signWithParaphe(pki, minimalPdf(), { level: 'B-T', timestamper: testTimestamper(pki, GEN_TIME) });
    expect((await validate(stamped, { trustAnchors: [pki.rootDer], at: AFTER_EXPIRY })).indication).toBe('TOTAL_PASSED');
    const bare = await signWithParaphe(pki, minimalPdf());
    const r = await validate(bare, { trustAnchors: [pki.rootDer], at: AFTER_EXPIRY });
    expect(r.indication).not.toBe('TOTAL_PASSED');
    expect(r.signatures[0]!.trusted).toBe(false);
  });

  it('a document timestamp: validated as doc-timestamp, proves existence, and makes the signature B-T', async () => {
    const signed = await signWithParaphe(pki, minimalPdf());
    const stamped = await addDocumentTimestamp(signed, { timestamper: testTimestamper(pki, GEN_TIME), clock: () => GEN_TIME });
    const r = await validate(stamped, { trustAnchors: [pki.rootDer], at: AFTER_EXPIRY });
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures.map((s) => s.type)).toEqual(['signature', 'doc-timestamp']);
    expect(r.signatures[0]).toMatchObject({ level: 'B-T', modification: 'LTA_UPDATES', coverage: 'ENTIRE_REVISION' });
    expect(r.signatures[1]).toMatchObject({ intact: true, cryptoValid: true, trusted: true, level: null, signingTime: { timestamp: GEN_TIME.toISOString() } });
  });

  it('a byte changed in the revision a document timestamp covers: that timestamp fails (HASH_FAILURE), the signature stays intact', async () => {
    const signed = await signWithParaphe(pki, minimalPdf());
    const stamped = await addDocumentTimestamp(signed, { timestamper: testTimestamper(pki, GEN_TIME), clock: () => GEN_TIME });
    const text = Buffer.from(stamped).toString('latin1');
    const id = text.indexOf('<', text.lastIndexOf('/ID')) + 1; // first hex digit of the last trailer's /ID
    expect(id).toBeGreaterThan(signed.length);
    const tampered = stamped.slice();
    tampered[id] = tampered[id] === 0x30 ? 0x31 : 0x30;
    const r = await validate(tampered, { trustAnchors: [pki.rootDer], at: SOON });
    expect(r.indication).toBe('TOTAL_FAILED');
    expect(r.signatures[0]).toMatchObject({ type: 'signature', intact: true });
    expect(r.signatures[1]).toMatchObject({ type: 'doc-timestamp', subIndication: 'HASH_FAILURE', intact: false });
  });
});
