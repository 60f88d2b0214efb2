/**
 * Reads the TSTInfo of an RFC 3161 TimeStampToken: enough to check that a TSA answered for the
 * imprint that was sent, and to know when it says it stamped.
 */
import { OID } from '@paraphe/pki';
import * as pkijs from 'pkijs';
import { parseDer } from './asn1-util.js';
import { CmsError } from './cms-error.js';
import { parseSignedData, type ParsedCms } from './parse-signed-data.js';

export interface TimestampInfo {
  readonly imprintAlgorithm: string;
  readonly imprint: Uint8Array;
  readonly genTime: Date;
  /** Bytes the token's DER value occupies (less than the input when bytes trail it). */
  readonly derLength: number;
}

export interface DecodedTstInfo {
  readonly info: pkijs.TSTInfo;
  /** The TSTInfo as encoded in the token: what the token's message-digest attribute covers. */
  readonly der: Uint8Array;
}

/** The TSTInfo a decoded token encapsulates; throws CmsError('CMS_BAD_TOKEN') with the reason. */
export function decodeTstInfo(cms: ParsedCms): DecodedTstInfo {
  if (cms.eContentType !== OID.tstInfo || !cms.eContent) {
    throw new CmsError('CMS_BAD_TOKEN', `the timestamp token does not encapsulate a TSTInfo (content type ${cms.eContentType})`);
  }
  const asn = parseDer(cms.eContent);
  try {
    if (!asn) throw new Error('not DER');
    return { info: new pkijs.TSTInfo({ schema: asn }), der: cms.eContent };
  } catch (e) {
    throw new CmsError('CMS_BAD_TOKEN', `the TSTInfo cannot be decoded: ${(e as Error).message}`);
  }
}

export function readTimestampToken(token: Uint8Array): TimestampInfo {
  const cms = parseSignedData(token);
  const tst = decodeTstInfo(cms).info;
  return {
    derLength: cms.length,
    imprintAlgorithm: tst.messageImprint.hashAlgorithm.algorithmId,
    imprint: new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
    genTime: tst.genTime,
  };
}
