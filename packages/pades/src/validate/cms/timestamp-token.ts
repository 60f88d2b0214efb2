/**
 * RFC 3161 timestamp tokens (signature timestamps and document timestamps): the token's own
 * CMS signature, and its message imprint against the bytes it claims to cover.
 */
import { decodeTstInfo, type DecodedTstInfo } from '../../cms/read-timestamp-token.js';
import { digestChunks } from './crypto-verify.js';
import { bytesEqual, DIGEST_ALGORITHMS, toHex } from '@paraphe/pki';
import { parseSignedData, type ParsedCms } from '../../cms/parse-signed-data.js';
import { verifySigner, type SignerVerification } from './verify-signer.js';

export interface TimestampCheck {
  /** Token signature verified and imprint matches. */
  readonly ok: boolean;
  readonly imprintMatches: boolean;
  readonly genTime: Date | null;
  readonly reasons: string[];
  readonly cms: ParsedCms | null;
  readonly signer: SignerVerification | null;
  readonly imprintHash: string | null;
}

/** Checks `token` (a ContentInfo) and that its imprint is the hash of `covered`. */
export function checkTimestampToken(token: Uint8Array, covered: readonly Uint8Array[], extraCertificates: readonly Uint8Array[] = []): TimestampCheck {
  const fail = (reason: string, part: Partial<TimestampCheck> = {}): TimestampCheck => ({
    ok: false, imprintMatches: false, genTime: null, reasons: [reason], cms: null, signer: null, imprintHash: null, ...part,
  });
  let cms: ParsedCms;
  try {
    cms = parseSignedData(token);
  } catch (e) {
    return fail(`the timestamp token cannot be decoded: ${(e as Error).message}`);
  }
  let tst: DecodedTstInfo;
  try {
    tst = decodeTstInfo(cms);
  } catch (e) {
    return fail((e as Error).message, { cms });
  }
  const genTime = tst.info.genTime;
  const hashOid = tst.info.messageImprint.hashAlgorithm.algorithmId;
  const spec = DIGEST_ALGORITHMS[hashOid];
  const reasons: string[] = [];
  let imprintMatches = false;
  if (!spec) reasons.push(`the timestamp imprint hash algorithm ${hashOid} is not supported`);
  else {
    const expected = new Uint8Array(tst.info.messageImprint.hashedMessage.valueBlock.valueHexView);
    const actual = digestChunks(spec, covered);
    imprintMatches = bytesEqual(expected, actual);
    if (!imprintMatches) reasons.push(`the timestamp imprint (${toHex(expected).slice(0, 16)}…) does not match the ${spec.name} of the timestamped data`);
  }
  const signer = verifySigner(cms, 0, { content: [tst.der], extraCertificates });
  if (signer.status !== 'ok' || signer.ess?.mismatch) reasons.push(...signer.reasons.map((r) => `timestamp token: ${r}`));
  return {
    ok: imprintMatches && signer.status === 'ok' && signer.constraintReasons.length === 0 && !signer.ess?.mismatch,
    imprintMatches, genTime, reasons, cms, signer, imprintHash: spec?.name ?? null,
  };
}
