/**
 * Signing at B-LT also adds the validation data of earlier signatures and document timestamps
 * that lack it; one whose data cannot be gathered is a warning, not a failed signature.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument } from '@paraphe/pdf';
import { addDocumentTimestamp } from '../../src/sign/add-document-timestamp.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import type { SignWarning } from '../../src/sign/sign-options.js';
import { validate } from '../../src/validate/index.js';
import { createFixture, type Fixture } from './support/fixture.js';
import { findSignatures } from './support/inspect.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex').toUpperCase();

function vriKeys(pdf: Uint8Array): string[] {
  const doc = PdfDocument.load(pdf);
  const dss = doc.resolve(doc.catalog().entries.get('DSS'));
  const vri = dss?.kind === 'dict' ? doc.resolve(dss.entries.get('VRI')) : undefined;
  return vri?.kind === 'dict' ? [...vri.entries.keys()].sort() : [];
}

describe('B-LT signing covers earlier signatures', () => {
  it('adds VRI entries for an earlier B-T signature and a document timestamp, in the new signature\'s DSS update', async () => {
    const first = await signPdf(fx.inputs.classic, fx.ecdsaOptions({ level: 'B-T', timestamper: fx.tsa.timestamper }));
    const stamped = await addDocumentTimestamp(first, { timestamper: fx.tsa.timestamper });
    expect(vriKeys(stamped)).toEqual([]);
    const warnings: SignWarning[] = [];
    const out = await signPdf(stamped, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: fx.revocation, onWarning: (w) => warnings.push(w) }));
    expect(warnings).toEqual([]);
    const sigs = findSignatures(out);
    expect(sigs).toHaveLength(3);
    expect(vriKeys(out)).toEqual(sigs.map((s) => sha1(s.contentsValue)).sort());
    // One DSS update after the new signature: signature, DSS.
    expect(PdfDocument.load(out).revisions.length).toBe(PdfDocument.load(stamped).revisions.length + 2);
    const report = await validate(out, { trustAnchors: [fx.pki.root.der], at: new Date('2026-12-04T00:00:00Z') });
    expect(report.signatures.map((s) => [s.intact, s.cryptoValid])).toEqual([[true, true], [true, true], [true, true]]);
    expect(report.signatures[0]!.level).toBe('B-LT');
  });

  it('warns, without failing, for an earlier signature whose chain or revocation data cannot be had', async () => {
    // Signed by pyHanko's test PKI: no issuer or CRL for it is known here.
    const foreign = readFileSync(new URL('../../../../../shared/corpus/pyhanko/pdf/sig-with-ski-sid.pdf', import.meta.url));
    const earlier = findSignatures(foreign);
    expect(earlier).toHaveLength(1);
    const warnings: SignWarning[] = [];
    const out = await signPdf(foreign, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: fx.revocation, onWarning: (w) => warnings.push(w) }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'SIGN_EARLIER_VALIDATION_DATA_UNAVAILABLE', field: expect.any(String) as string });
    expect(['SIGN_CHAIN_INCOMPLETE', 'SIGN_REVOCATION_UNAVAILABLE']).toContain(warnings[0]!.reason);
    const mine = findSignatures(out).at(-1)!;
    expect(vriKeys(out)).toEqual([sha1(mine.contentsValue)]);
    expect(vriKeys(out)).not.toContain(sha1(earlier[0]!.contentsValue));
  });
});
