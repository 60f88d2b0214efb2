/** formatReport: one short summary per signature (who, when, level, verdict, every reason) in EN and FR. */
import { describe, expect, it } from 'vitest';
import { formatReport, type SignatureReport, type ValidationReport } from '../../src/index.js';

const failed: SignatureReport = {
  field: 'Signature1', type: 'signature', indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE',
  intact: false, cryptoValid: false, trusted: false, coverage: 'ENTIRE_FILE', modification: 'NONE', changes: [],
  level: 'B-T', signer: { subject: 'CN=Marie Tremblay', issuer: 'CN=Test CA', serial: '1092' },
  signingTime: { claimed: '2026-12-03T15:00:00.000Z', timestamp: '2026-12-03T15:00:05.000Z' },
  revocation: { status: 'good', source: 'dss' },
  reasons: ['the message digest does not match the sha256 of the signed bytes'],
  subFilter: 'ETSI.CAdES.detached', byteRange: [0, 10, 20, 30],
};
const modified: SignatureReport = { ...failed, field: 'Visa', indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', intact: true, cryptoValid: true, modification: 'OTHER', changes: ['object 4 changed after signing'], reasons: [] };
const stamp: SignatureReport = { ...failed, field: 'DocTimeStamp1', type: 'doc-timestamp', indication: 'TOTAL_PASSED', subIndication: null, intact: true, cryptoValid: true, trusted: true, level: null, reasons: [], signer: { subject: 'CN=TSA', issuer: 'CN=Test CA', serial: '4d' } };
const report: ValidationReport = { indication: 'TOTAL_FAILED', signatures: [failed, modified, stamp], warnings: ['xref rebuilt'], validationTime: '2026-12-04T00:00:00.000Z' };

describe('formatReport', () => {
  it('English: verdict, signer, times, level and every reason and change', () => {
    const text = formatReport(report, { locale: 'en' });
    expect(text).toContain('Document: INVALID — 3 signatures');
    expect(text).toContain('field "Signature1": INVALID (HASH_FAILURE)');
    expect(text).toContain('Signed by: CN=Marie Tremblay (issued by CN=Test CA)');
    expect(text).toContain('timestamp: 2026-12-03T15:00:05.000Z');
    expect(text).toContain('PAdES level: B-T');
    expect(text).toContain('- the message digest does not match the sha256 of the signed bytes');
    expect(text).toContain('- object 4 changed after signing');
    expect(text).toContain('revocation: good (dss)');
    expect(text).toContain('- xref rebuilt');
    expect(text).toContain('3. Document timestamp — field "DocTimeStamp1": VALID');
    expect(text).not.toMatch(/DocTimeStamp1[^]*PAdES level/);
  });

  it('French: the same facts in French', () => {
    const text = formatReport(report, { locale: 'fr' });
    expect(text).toContain('Document: INVALIDE — 3 signatures');
    expect(text).toContain('Horodatage du document — champ "DocTimeStamp1": VALIDE');
    expect(text).toContain('Horodaté par: CN=TSA');
    expect(text).toContain('Signé par: CN=Marie Tremblay');
    expect(text).toContain('niveau PAdES: B-T');
    expect(text).toContain('Modifications non autorisées:');
  });
});
