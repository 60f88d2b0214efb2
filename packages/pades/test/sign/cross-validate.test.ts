import { beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { renewArchive } from '../../src/sign/add-document-timestamp.js';
import { createFixture, type Fixture } from './support/fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

/** Our own validator, with revocation required and no online source: everything must come from the file. */
async function report(pdf: Uint8Array) {
  return validate(pdf, {
    trustAnchors: [fx.pki.root.der],
    at: new Date('2026-12-04T00:00:00Z'),
    policy: { revocation: 'require' },
  });
}

describe('signed output judged by the PAdES validator', () => {
  it('B-LTA after RSA and ECDSA signatures: TOTAL_PASSED, each at its level, offline', async () => {
    const first = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: fx.revocation, certify: 2 }));
    const second = await signPdf(first, fx.ecdsaOptions({ level: 'B-LTA', timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const r = await report(second);
    expect(r.signatures.map((s) => [s.field, s.type, s.indication, s.subIndication ?? null])).toEqual([
      ['Signature1', 'signature', 'TOTAL_PASSED', null],
      ['Signature2', 'signature', 'TOTAL_PASSED', null],
      ['DocTimeStamp1', 'doc-timestamp', 'TOTAL_PASSED', null],
    ]);
    expect(r.signatures.slice(0, 2).map((s) => s.level)).toEqual(['B-LTA', 'B-LTA']);
    expect(r.indication).toBe('TOTAL_PASSED');
  });

  it('a P=1 certification at B-LTA: the DSS and document timestamp updates are allowed changes', async () => {
    const out = await signPdf(fx.inputs.objectStreams, fx.ecdsaOptions({ level: 'B-LTA', certify: 1, timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const r = await report(out);
    expect(r.signatures[0]?.modification).toBe('LTA_UPDATES');
    expect(r.indication).toBe('TOTAL_PASSED');
  });

  it('a renewed archive stays TOTAL_PASSED', async () => {
    const lta = await signPdf(fx.inputs.objectStreams, fx.rsaOptions({ level: 'B-LTA', timestamper: fx.tsa.timestamper, revocation: fx.revocation, visible: { page: 1, x: 300, y: 72, width: 200, height: 60 } }));
    const renewed = await renewArchive(lta, { timestamper: fx.tsa.timestamper, revocation: fx.revocation });
    const r = await report(renewed);
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signatures).toHaveLength(3);
  });
});
