/**
 * End to end with the product's own PKI pieces: the development PKI's key signers, a real
 * RFC 3161 server over loopback with the TSA client, and OCSP answers from its delegated responder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDevPki, createOcspRequest, createOcspResponse, requestTimestamp, startTsaServer, toPem,
  type DevPki,
} from '@paraphe/pki';
import { PdfDocument } from '@paraphe/pdf';
import type { RevocationSource } from '../../src/dss/revocation-source.js';
import { signPdf } from '../../src/sign/sign-pdf.js';
import { validate } from '../../src/validate/index.js';
import { opensslCmsVerify, opensslSignatureTimestampVerify, pdfsig, qpdfCheck, validCount } from './support/checks.js';
import { makeInputs, type TestInputs } from './support/inputs.js';
import { findSignatures } from './support/inspect.js';
import { nssDbTrusting, tempDir, writeTemp } from './support/tools.js';

const NOW = new Date('2026-12-03T15:00:00Z');
const clock = () => NOW;
let dev: DevPki;
let tsa: Awaited<ReturnType<typeof startTsaServer>>;
let dir: string;
let nss: string;
let inputs: TestInputs;
let ocspCalls = 0;

beforeAll(async () => {
  dev = await createDevPki({ clock, baseUrl: 'http://pki.test.invalid' });
  tsa = await startTsaServer({ host: '127.0.0.1', port: 0, tsa: { certificate: dev.tsa.certificate, chain: dev.tsa.chain, signer: dev.tsa.signer }, clock });
  dir = tempDir();
  writeTemp(dir, 'root.pem', toPem(dev.root.certificate, 'CERTIFICATE'));
  writeTemp(dir, 'tsa-chain.pem', [dev.tsa.certificate, ...dev.tsa.chain].map((c) => toPem(c, 'CERTIFICATE')).join('\n'));
  nss = nssDbTrusting(dir, toPem(dev.root.certificate, 'CERTIFICATE'));
  inputs = makeInputs(dir);
});
afterAll(async () => {
  await tsa?.close();
});

const timestamper = (imprint: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512') => requestTimestamp(imprint, hash, { url: tsa.url });

function revocation(): RevocationSource {
  return {
    async ocsp(certificate, issuer) {
      ocspCalls++;
      return createOcspResponse({
        request: createOcspRequest(certificate, issuer),
        responder: { certificate: dev.ocsp.certificate, signer: dev.ocsp.signer },
        status: (id) => dev.status(id),
        producedAt: NOW,
        thisUpdate: NOW,
      });
    },
    crl: async (url) => (url.endsWith('/root.crl') ? dev.rootCrl : url.endsWith('/ca.crl') ? dev.crl : undefined),
    extraCerts: [dev.root.certificate],
  };
}

describe('signing with the development PKI', () => {
  it('Alice (RSA) then Benoît (ECDSA) at B-LTA: openssl, qpdf, pdfsig and the validator agree', async () => {
    const first = await signPdf(inputs.objectStreams, { signer: dev.alice.signer, level: 'B-LTA', timestamper, revocation: revocation(), clock, reason: 'Approbation' });
    const second = await signPdf(first, { signer: dev.benoit.signer, level: 'B-LTA', timestamper, revocation: revocation(), clock, visible: { page: 1, x: 72, y: 500, width: 220, height: 70 } });
    expect(ocspCalls).toBeGreaterThan(0);
    const sigs = findSignatures(second);
    expect(sigs).toHaveLength(4); // two signatures, two document timestamps
    for (const i of [0, 2]) {
      expect(opensslCmsVerify(dir, sigs[i]!).ok).toBe(true);
      expect(opensslSignatureTimestampVerify(dir, sigs[i]!).output).toContain('Verification: OK');
    }
    expect(qpdfCheck(dir, second).ok).toBe(true);
    expect(validCount(pdfsig(dir, nss, second))).toBe(2);
    const report = await validate(second, { trustAnchors: dev.trustAnchors, at: new Date('2026-12-04T00:00:00Z'), policy: { revocation: 'require' } });
    expect(report.signatures.map((s) => [s.type, s.indication, s.level])).toEqual([
      ['signature', 'TOTAL_PASSED', 'B-LTA'],
      ['doc-timestamp', 'TOTAL_PASSED', null],
      ['signature', 'TOTAL_PASSED', 'B-LTA'],
      ['doc-timestamp', 'TOTAL_PASSED', null],
    ]);
    expect(report.indication).toBe('TOTAL_PASSED');
    // The responder answers only for the issuing CA's certificates: the CA itself is covered by the root's CRL.
    const doc = PdfDocument.load(second);
    const dss = doc.resolve(doc.catalog().entries.get('DSS'));
    const count = (key: string) => { const a = dss?.kind === 'dict' ? doc.resolve(dss.entries.get(key)) : undefined; return a?.kind === 'array' ? a.items.length : 0; };
    expect(count('CRLs')).toBe(1);
    expect(count('OCSPs')).toBeGreaterThanOrEqual(3); // Alice, Benoît, TSA (once per signature round)
  });
});
