/**
 * CMS signer verification on real files: signed attributes are hashed exactly as encoded (the
 * DSS plugtest files named "HASH_FAILURE" only verify that way), SubjectKeyIdentifier signer
 * ids, SignerInfos without signed attributes, Ed448 with SHAKE256, and the reasons of failures.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { parseSignedData } from '../../src/cms/parse-signed-data.js';
import { verifySigner } from '../../src/validate/cms/verify-signer.js';
import { rawSignatures } from './support/corpus-cms.js';

function first(dest: string) {
  const raw = rawSignatures(dest)[0]!;
  const cms = parseSignedData(raw.der);
  return { raw, cms, result: verifySigner(cms, 0, { content: raw.signed }) };
}

describe('CMS signer verification', () => {
  const hashFailureNamed = [
    'dss/dss-818/Signature-P-DE_CRY-2 (HASH_FAILURE).pdf',
    'dss/dss-818/Signature-P-IT_ADO-1 (HASH_FAILURE) (ECDSA).pdf',
  ];
  for (const dest of hashFailureNamed) {
    it(`${dest}: verifies over the signed attributes as found, which a DER re-encoding would change`, () => {
      const { cms, result } = first(dest);
      expect(result.status, result.reasons.join('; ')).toBe('ok');
      const found = cms.signerInfos[0]!.signedAttrsDer!;
      const reencoded = new Uint8Array(new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: cms.signerInfos[0]!.info.signedAttrs!.attributes }).toSchema().toBER());
      reencoded[0] = 0x31;
      // asn1js keeps the order: sort as DER requires (SET OF by encoding) to show the difference.
      const parts = (asn1js.fromBER(reencoded).result as asn1js.Set).valueBlock.value.map((v) => Buffer.from(v.toBER()));
      const der = Buffer.from(new asn1js.Set({ value: parts.sort(Buffer.compare).map((p) => asn1js.fromBER(p).result) }).toBER());
      expect(der.equals(Buffer.from(found))).toBe(false);
    });
  }

  it('SubjectKeyIdentifier signer identifier (pyHanko sig-with-ski-sid.pdf)', () => {
    const { result } = first('pyhanko/pdf/sig-with-ski-sid.pdf');
    expect(result.status).toBe('ok');
    expect(result.signer).not.toBeNull();
  });

  it('no signed attributes: the signature covers the content directly (pyHanko sig-no-signed-attrs.pdf)', () => {
    const { result } = first('pyhanko/pdf/sig-no-signed-attrs.pdf');
    expect(result).toMatchObject({ status: 'ok', hasSignedAttributes: false });
  });

  it('Ed448 with SHAKE256 (pyHanko ed448-shake256-nolen.pdf)', () => {
    const { result } = first('pyhanko/pdf/ed448-shake256-nolen.pdf');
    expect(result).toMatchObject({ status: 'ok', family: 'ed448', constraintReasons: [] });
    expect(result.digest?.name).toBe('shake256');
  });

  it('Ed448 with another digest is a crypto-constraints problem, not a broken signature', () => {
    const { result } = first('pyhanko/pdf/ed448-disallowed-hash.pdf');
    expect(result.status).toBe('ok');
    expect(result.constraintReasons[0]).toMatch(/Ed448 must be used with SHAKE256/);
  });

  it('a changed signed byte gives status "hash" with the digests in the reason', () => {
    const { raw, cms } = first('dss/pdf-signed-original.pdf');
    const altered = raw.signed[0]!.slice();
    altered[100] = altered[100]! ^ 0xff;
    const r = verifySigner(cms, 0, { content: [altered, raw.signed[1]!] });
    expect(r.status).toBe('hash');
    expect(r.reasons[0]).toMatch(/message digest .* does not match the sha256/);
  });

  it('a signature algorithm identifier in the digest algorithm field is a format failure (ETSI plugtest HU_NET-2)', () => {
    const { result } = first('dss/Signature-P-HU_NET-2.pdf');
    expect(result.status).toBe('format');
    expect(result.reasons[0]).toMatch(/signature algorithm identifier, not a digest algorithm/);
  });

  it('no embedded certificate: status "no-certificate" (DSS pades-bes-no-certificates.pdf)', () => {
    expect(first('dss/pades-bes-no-certificates.pdf').result.status).toBe('no-certificate');
  });
});
