/**
 * Signatures added by independent tools after Paraphe's (and the other way round) are the
 * allowed FORM_FILLING change for the earlier signature: pdfsig (poppler) and podofosign write
 * their own incremental updates, fields and widgets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument } from '@paraphe/pdf';
import { analyzeRevisions, type DiffResult } from '../../src/diff/index.js';
import { createFixture, type Fixture } from '../sign/support/fixture.js';
import { createTestPki, type TestPki } from '../validate/support/test-pki.js';
import { signWithParaphe, signWithPdfsig, signWithPodofo } from '../validate/support/signed-files.js';
import { signedRevisions } from './support.js';

let pki: TestPki;
let fx: Fixture;
beforeAll(async () => {
  pki = createTestPki();
  fx = await createFixture();
});

function results(pdf: Uint8Array): DiffResult[] {
  const doc = PdfDocument.load(pdf);
  return signedRevisions(doc).map((s) => {
    if (s.revision === null) throw new Error(`signature ${s.field} does not end a revision`);
    return analyzeRevisions(doc, s.revision);
  });
}

describe('diff analysis across signing tools', () => {
  it('Paraphe, then pdfsig -add-signature', async () => {
    const both = signWithPdfsig(pki, await signWithParaphe(pki, fx.inputs.classic));
    expect(results(both).map((r) => r.modification)).toEqual(['FORM_FILLING', 'NONE']);
  });

  it('Paraphe, then podofosign', async () => {
    const both = signWithPodofo(pki, await signWithParaphe(pki, fx.inputs.classic));
    expect(results(both).map((r) => r.modification)).toEqual(['FORM_FILLING', 'NONE']);
  });

  it('pdfsig, then Paraphe', async () => {
    const both = await signWithParaphe(pki, signWithPdfsig(pki, fx.inputs.classic), { field: 'Second' });
    expect(results(both).map((r) => r.modification)).toEqual(['FORM_FILLING', 'NONE']);
  });
});
