import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfDocument, decodeStream, type PdfDict } from '@paraphe/pdf';
import { addDocumentTimestamp, renewArchive } from '../../src/sign/add-document-timestamp.js';
import { addValidationData } from '../../src/dss/add-validation-data.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { opensslCmsVerify, opensslDocTimestampVerify, opensslSignatureTimestampVerify, pdfsig, qpdfCheck, validCount } from './support/checks.js';
import { createFixture, type Fixture } from './support/fixture.js';
import { findSignatures } from './support/inspect.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});

function dssOf(pdf: Uint8Array): { doc: PdfDocument; dss: PdfDict } {
  const doc = PdfDocument.load(pdf);
  const dss = doc.resolve(doc.catalog().entries.get('DSS'));
  if (dss?.kind !== 'dict') throw new Error('no /DSS dictionary');
  return { doc, dss };
}

function streams(doc: PdfDocument, dss: PdfDict, key: string): Uint8Array[] {
  const arr = doc.resolve(dss.entries.get(key));
  if (arr?.kind !== 'array') return [];
  return arr.items.map((i) => {
    const s = doc.resolve(i);
    if (s?.kind !== 'stream') throw new Error(`${key} holds a non-stream`);
    return decodeStream(s, doc);
  });
}

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex').toUpperCase();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('B-LT and B-LTA', () => {
  it('B-LT: a separate DSS update holds the signer and TSA chains and CRLs for every non-root certificate', async () => {
    const out = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const [sig] = findSignatures(out);
    expect(opensslCmsVerify(fx.dir, sig!).ok).toBe(true);
    expect(opensslSignatureTimestampVerify(fx.dir, sig!).ok).toBe(true);
    // The signature does not cover the whole file: the DSS came after it, in its own revision.
    expect(sig!.byteRange[2] + sig!.byteRange[3]).toBeLessThan(out.length);
    const { doc, dss } = dssOf(out);
    expect(doc.revisions.length).toBe(3);
    const certs = streams(doc, dss, 'Certs').map(hex);
    for (const p of [fx.pki.rsa, fx.pki.ca, fx.pki.root, fx.pki.tsa]) expect(certs).toContain(hex(p.der));
    const crls = streams(doc, dss, 'CRLs').map(hex);
    expect(crls).toContain(hex(await fx.pki.crl(fx.pki.ca)));
    expect(crls).toContain(hex(await fx.pki.crl(fx.pki.root)));
    expect(crls).toHaveLength(2);
    const vri = doc.resolve(dss.entries.get('VRI'));
    expect(vri?.kind === 'dict' && [...vri.entries.keys()]).toEqual([sha1(sig!.contentsValue)]);
    expect(qpdfCheck(fx.dir, out).ok).toBe(true);
    expect(validCount(pdfsig(fx.dir, fx.nss, out))).toBe(1);
    // PDF 1.x: the ETSI developer extension is declared
    const ext = doc.resolve(doc.catalog().entries.get('Extensions'));
    expect(ext?.kind === 'dict' && ext.entries.has('ESIC')).toBe(true);
  });

  it('B-LTA: a document timestamp over everything, verified by openssl ts', async () => {
    const out = await signPdf(fx.inputs.objectStreams, fx.ecdsaOptions({ level: 'B-LTA', timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const sigs = findSignatures(out);
    expect(sigs).toHaveLength(2);
    const docTs = sigs[1]!;
    expect(docTs.byteRange[2] + docTs.byteRange[3]).toBe(out.length);
    expect(opensslDocTimestampVerify(fx.dir, docTs).output).toContain('Verification: OK');
    expect(Buffer.from(out).toString('latin1')).toContain('/SubFilter /ETSI.RFC3161');
    expect(opensslCmsVerify(fx.dir, sigs[0]!).ok).toBe(true);
    expect(qpdfCheck(fx.dir, out).ok).toBe(true);
    const p = pdfsig(fx.dir, fx.nss, out);
    // pdfsig lists the document timestamp (it cannot verify RFC 3161 types; openssl did above).
    expect(p).toContain('Signature Field Name: DocTimeStamp1');
    expect(validCount(p)).toBe(1);
    expect(PdfDocument.load(out).revisions.length).toBe(4);
  });

  it('addValidationData upgrades a B-T file; a second call adds nothing; a later signature extends the DSS without duplicates', async () => {
    const bt = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-T', timestamper: fx.tsa.timestamper }));
    const lt = await addValidationData(bt, { revocation: fx.revocation });
    expect(Buffer.from(lt.subarray(0, bt.length)).equals(Buffer.from(bt))).toBe(true);
    expect(lt.length).toBeGreaterThan(bt.length);
    expect(await addValidationData(lt, { revocation: fx.revocation })).toBe(lt);
    const twice = await signPdf(lt, fx.ecdsaOptions({ level: 'B-LT', timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const { doc, dss } = dssOf(twice);
    const certs = streams(doc, dss, 'Certs').map(hex);
    expect(new Set(certs).size).toBe(certs.length);
    expect(certs).toContain(hex(fx.pki.ecdsa.der));
    expect(certs).toContain(hex(fx.pki.rsa.der));
    const vri = doc.resolve(dss.entries.get('VRI'));
    const keys = vri?.kind === 'dict' ? [...vri.entries.keys()] : [];
    expect(keys.sort()).toEqual(findSignatures(twice).map((s) => sha1(s.contentsValue)).sort());
    for (const s of findSignatures(twice)) expect(opensslCmsVerify(fx.dir, s).ok).toBe(true);
    expect(validCount(pdfsig(fx.dir, fx.nss, twice))).toBe(2);
  });

  it('renewArchive covers the previous document timestamp, then adds a new one', async () => {
    const lta = await signPdf(fx.inputs.classic, fx.rsaOptions({ level: 'B-LTA', timestamper: fx.tsa.timestamper, revocation: fx.revocation }));
    const renewed = await renewArchive(lta, { timestamper: fx.tsa.timestamper, revocation: fx.revocation });
    const sigs = findSignatures(renewed);
    expect(sigs).toHaveLength(3);
    const { doc, dss } = dssOf(renewed);
    const vri = doc.resolve(dss.entries.get('VRI'));
    const keys = vri?.kind === 'dict' ? [...vri.entries.keys()] : [];
    expect(keys).toContain(sha1(sigs[1]!.contentsValue)); // the first document timestamp is now covered
    expect(opensslDocTimestampVerify(fx.dir, sigs[2]!).ok).toBe(true);
    expect(opensslDocTimestampVerify(fx.dir, sigs[1]!).ok).toBe(true);
    expect(qpdfCheck(fx.dir, renewed).ok).toBe(true);
  });

  it('addDocumentTimestamp alone timestamps a B-B file', async () => {
    const bb = await signPdf(fx.inputs.classic, fx.rsaOptions());
    const out = await addDocumentTimestamp(bb, { timestamper: fx.tsa.timestamper });
    const sigs = findSignatures(out);
    expect(sigs).toHaveLength(2);
    expect(opensslDocTimestampVerify(fx.dir, sigs[1]!).ok).toBe(true);
    expect(opensslCmsVerify(fx.dir, sigs[0]!).ok).toBe(true);
  });
});
