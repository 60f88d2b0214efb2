/**
 * An in-process RFC 3161 time-stamping authority for tests: returns a TimeStampToken over the
 * imprint it is given, signed by the test PKI's TSA certificate, at a pinned time.
 */
import { createHash } from 'node:crypto';
import { type HashAlgorithm, OID } from '@paraphe/pki';
import { buildSignedData, type Timestamper } from '../../../src/cms/build-signed-data.js';
import { digestAlgorithmId } from '../../../src/cms/algorithms.js';
import { generalizedTime, integer, objectIdentifier, octetString, sequence } from '../../../src/cms/der.js';
import { testSigner, type Party } from './test-pki.js';

const NODE_HASH: Record<HashAlgorithm, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

export interface TestTsa {
  readonly timestamper: Timestamper;
  /** Imprints received, in order. */
  readonly requests: { imprint: Uint8Array; hash: HashAlgorithm }[];
}

/** `padding` certificates are embedded too, to make tokens as large as a test needs. */
export function createTestTsa(tsa: Party, chain: readonly Party[], clock: () => Date, padding: readonly Uint8Array[] = []): TestTsa {
  const requests: { imprint: Uint8Array; hash: HashAlgorithm }[] = [];
  let serial = 1;
  const signer = testSigner(tsa, chain);
  const timestamper: Timestamper = async (imprint, hash) => {
    requests.push({ imprint, hash });
    const tstInfo = sequence(
      integer(1),
      objectIdentifier('1.3.6.1.4.1.99999.1.1'),
      sequence(digestAlgorithmId(hash), octetString(imprint)),
      integer(serial++),
      generalizedTime(clock()),
    );
    const token = await buildSignedData({
      signer,
      hash: 'SHA-256',
      contentDigest: new Uint8Array(createHash(NODE_HASH['SHA-256']).update(tstInfo).digest()),
      eContentType: OID.tstInfo,
      eContent: tstInfo,
      extraCertificates: padding,
    });
    return token.der;
  };
  return { timestamper, requests };
}
