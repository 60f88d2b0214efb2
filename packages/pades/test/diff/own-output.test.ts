/**
 * Diff analysis on what Paraphe's own signer writes: a second signer, a visible signature,
 * certification, B-LT / B-LTA validation data and archive renewal must all read as the allowed
 * changes they are, on classic-xref, object-stream and linearized inputs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument } from '@paraphe/pdf';
import { addDocumentTimestamp } from '../../src/sign/add-document-timestamp.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { analyzeRevisions, docMdpOf, type DiffResult } from '../../src/diff/index.js';
import { createFixture, type Fixture } from '../sign/support/fixture.js';
import { signedRevisions } from './support.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

/** The analysis of every signature of `pdf`, in revision order. */
function analyses(pdf: Uint8Array): Array<{ field: string; result: DiffResult }> {
  const doc = PdfDocument.load(pdf);
  const docMdp = docMdpOf(doc)?.permission;
  return signedRevisions(doc).map((s) => {
    if (s.revision === null) throw new Error(`signature ${s.field} does not end a revision`);
    return { field: s.field, result: analyzeRevisions(doc, s.revision, { docMdp, signatureField: s.field }) };
  });
}

describe('diff analysis of Paraphe-signed files', () => {
  for (const input of ['classic', 'objectStreams', 'linearized'] as const) {
    it(`a second, visible signature is FORM_FILLING for the first (${input})`, async () => {
      const once = await signPdf(fx.inputs[input], fx.rsaOptions({ field: 'Maire' }));
      const twice = await signPdf(once, fx.ecdsaOptions({ field: 'Greffiere', visible: { page: 1, x: 72, y: 72, width: 200, height: 60 } }));
      const [first, second] = analyses(twice);
      expect(first!.result, first!.result.changes.join('\n')).toMatchObject({ modification: 'FORM_FILLING', permitted: true, changes: [] });
      expect(second!.result.modification).toBe('NONE');
    });
  }

  it('an approval signature after a P=2 certification stays permitted', async () => {
    const p2 = await signPdf(fx.inputs.classic, fx.rsaOptions({ field: 'Certification', certify: 2 }));
    const signedP2 = await signPdf(p2, fx.ecdsaOptions({ field: 'Approbation', visible: { page: 2, x: 72, y: 72, width: 200, height: 60 } }));
    expect(docMdpOf(PdfDocument.load(signedP2))?.permission).toBe(2);
    expect(analyses(signedP2)[0]!.result).toMatchObject({ modification: 'FORM_FILLING', permitted: true });
  });

  it('B-LTA validation data and archive timestamps are LTA_UPDATES, even under DocMDP P=1', async () => {
    const lta = await signPdf(
      fx.inputs.objectStreams,
      fx.rsaOptions({ field: 'Sceau', certify: 1, level: 'B-LTA', timestamper: fx.tsa.timestamper, revocation: fx.revocation }),
    );
    const renewed = await addDocumentTimestamp(lta, { timestamper: fx.tsa.timestamper, clock: () => new Date('2026-12-03T16:00:00Z') });
    const [sig, ...timestamps] = analyses(renewed);
    expect(sig!.result, sig!.result.changes.join('\n')).toMatchObject({ modification: 'LTA_UPDATES', permitted: true });
    for (const t of timestamps.slice(0, -1)) expect(t.result.modification).toBe('LTA_UPDATES');
  });
});
