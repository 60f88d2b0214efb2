/** Serial numbers as the API accepts them: hex string (as ParsedCertificate.serialHex), bytes or bigint. */
import { fromHex } from './asn1/bytes.js';
import { PkiError } from './errors.js';

export type SerialInput = string | Uint8Array | bigint;

/** Big-endian magnitude of a serial number. */
export function serialBytes(s: SerialInput): Uint8Array {
  if (typeof s === 'string') {
    if (!/^[0-9a-fA-F:\s]+$/.test(s)) throw new PkiError('PKI_INVALID_INPUT', `serial "${s}" is not hexadecimal`);
    return fromHex(s);
  }
  if (typeof s === 'bigint') {
    if (s <= 0n) throw new PkiError('PKI_INVALID_INPUT', 'serial must be positive');
    return fromHex(s.toString(16));
  }
  return s;
}
