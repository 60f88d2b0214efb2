/**
 * Reads the few certificate fields CMS needs (issuer, serial, subject) as their original DER
 * bytes, so that issuerAndSerialNumber and ESS issuerSerial match the certificate exactly.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { CmsError } from './cms-error.js';

export interface CertificateFields {
  /** Full DER of the certificate. */
  readonly der: Uint8Array;
  /** Issuer Name TLV. */
  readonly issuer: Uint8Array;
  /** Subject Name TLV. */
  readonly subject: Uint8Array;
  /** serialNumber INTEGER TLV. */
  readonly serial: Uint8Array;
}

/** Bounded so a server that signs for many certificates does not grow without end. */
const MAX_CACHED = 64;
const cache = new Map<string, CertificateFields>();

/**
 * readCertificateFields memoised by the DER's SHA-256 (least recently used leave first): a
 * signer signing many documents decodes its certificate once. The fields are copies, frozen.
 */
export function cachedCertificateFields(der: Uint8Array): CertificateFields {
  const key = createHash('sha256').update(der).digest('base64');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  // Errors propagate: nothing is stored for a certificate that cannot be read.
  const fields = Object.freeze(readCertificateFields(der.slice()));
  cache.set(key, fields);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return fields;
}

export function readCertificateFields(der: Uint8Array): CertificateFields {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new CmsError('CMS_BAD_CERTIFICATE', 'certificate is not a DER SEQUENCE');
  }
  const tbs = parsed.result.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) throw new CmsError('CMS_BAD_CERTIFICATE', 'certificate has no TBSCertificate');
  const fields = tbs.valueBlock.value;
  // version [0] EXPLICIT is optional (absent for v1 certificates).
  const first = fields[0];
  const hasVersion = first !== undefined && first.idBlock.tagClass === 3 && first.idBlock.tagNumber === 0;
  const at = hasVersion ? 1 : 0;
  const serial = fields[at];
  const issuer = fields[at + 2];
  const subject = fields[at + 4];
  if (!serial || !issuer || !subject) throw new CmsError('CMS_BAD_CERTIFICATE', 'TBSCertificate is truncated');
  return {
    der,
    serial: serial.valueBeforeDecodeView.slice(),
    issuer: issuer.valueBeforeDecodeView.slice(),
    subject: subject.valueBeforeDecodeView.slice(),
  };
}
