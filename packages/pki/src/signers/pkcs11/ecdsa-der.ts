/** Conversion of a raw ECDSA signature (r||s, as PKCS#11 and WebCrypto return it) to the DER Ecdsa-Sig-Value CMS needs. */
import { der } from '../../asn1/der-writer.js';
import { PkiError } from '../../errors.js';

export function rawEcdsaToDer(raw: Uint8Array, fieldBytes: number): Uint8Array {
  if (raw.length !== 2 * fieldBytes) throw new PkiError('PKCS11_ERROR', `raw ECDSA signature has ${raw.length} bytes, expected ${2 * fieldBytes}`);
  return der.sequence(der.integer(raw.subarray(0, fieldBytes)), der.integer(raw.subarray(fieldBytes)));
}
