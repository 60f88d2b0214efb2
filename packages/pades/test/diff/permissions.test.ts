/**
 * DocMDP and FieldMDP permissions as read from real certified and locked files.
 */
import { describe, expect, it } from 'vitest';
import { pdfRef, type PdfDict } from '@paraphe/pdf';
import { docMdpOf, fieldMdpFromDict, fieldMdpOf, isFieldLocked, permittedLevel, signatureFieldsOf } from '../../src/diff/index.js';
import { loadCorpus } from './support.js';

describe('docMdpOf', () => {
  it('reads the certification permission from /Perms /DocMDP', () => {
    expect(docMdpOf(loadCorpus('dss/dss-2554/certified-no-change-permitted.pdf'))).toEqual({ permission: 1, signature: pdfRef(1166) });
    expect(docMdpOf(loadCorpus('dss/dss-2236/annotation-and-visible-change.pdf'))?.permission).toBe(3);
    expect(docMdpOf(loadCorpus('pyhanko/pdf/minimal-two-fields-signed-twice.pdf'))).toBeUndefined();
  });

  it('maps permissions to the most invasive tolerated level', () => {
    expect([1, 2, 3, undefined].map((p) => permittedLevel(p as 1 | 2 | 3 | undefined))).toEqual(['LTA_UPDATES', 'FORM_FILLING', 'ANNOTATIONS', 'ANNOTATIONS']);
  });
});

describe('FieldMDP', () => {
  it('reads a signature reference FieldMDP lock', () => {
    const doc = loadCorpus('dss/dss-2236/annotation-and-visible-change.pdf');
    const locking = signatureFieldsOf(doc).find((f) => f.name === 'ES_LOCKING_SIGNATURE');
    const sig = doc.getObject(locking!.value!.num) as PdfDict;
    expect(fieldMdpOf(doc, sig)).toEqual({ action: 'All', fields: [] });
  });

  it('reads signature field /Lock dictionaries', () => {
    const doc = loadCorpus('dss/dss-2554/fieldmdp-exclude.pdf');
    const field = signatureFieldsOf(doc).find((f) => f.name === 'Handtekening houder')!;
    const lock = (doc.getObject(field.ref!.num) as PdfDict).entries.get('Lock');
    const spec = fieldMdpFromDict(doc, doc.resolve(lock) as PdfDict, doc.revisions.length - 1)!;
    expect(spec.action).toBe('Exclude');
    expect(spec.fields).toContain('Plaats QuoVadis');
    expect(isFieldLocked(spec, 'Plaats QuoVadis')).toBe(false);
    expect(isFieldLocked(spec, 'Plaats houder')).toBe(true);
  });
});
