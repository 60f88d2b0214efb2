/** An in-process RFC 3161 timestamper over the test TSA, with a pinned clock. */
import * as asn1js from 'asn1js';
import { createTimestampToken, keySigner } from '@paraphe/pki';
import type { Timestamper } from '../../../src/index.js';
import type { TestPki } from './test-pki.js';

export function testTimestamper(pki: TestPki, genTime: Date): Timestamper {
  const signer = keySigner(pki.tsaKey, pki.tsaDer, [pki.rootDer]);
  return async (imprint, hashAlg) => {
    const response = await createTimestampToken({
      messageImprint: imprint, hashAlg, certReq: true, policyOid: '1.3.6.1.4.1.99999.1.1', genTime,
      tsa: { certificate: pki.tsaDer, chain: [pki.rootDer], signer },
    });
    // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo }
    const parsed = asn1js.fromBER(response);
    const token = (parsed.result as asn1js.Sequence).valueBlock.value[1];
    if (!token) throw new Error('the test TSA returned no token');
    return new Uint8Array(token.valueBeforeDecodeView);
  };
}
