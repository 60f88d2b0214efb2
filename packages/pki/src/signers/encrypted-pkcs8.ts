/**
 * Password-encrypted PKCS#8 (EncryptedPrivateKeyInfo, PBES2 with PBKDF2-HMAC-SHA256 and
 * AES-256-CBC), the form in which personal keys are stored: readable by `openssl pkcs8`.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { der } from '../asn1/der-writer.js';
import { parseDer, toBytes } from '../asn1/bytes.js';
import { PkiError } from '../errors.js';
import type { SignatureScheme, Signer } from '../signer.js';
import { keySigner } from './key-signer.js';
import { BadPasswordError, pbeDecrypt, pbes2Encrypt, type Pbes2Options } from './pbe.js';

export function encryptPrivateKey(key: KeyObject, password: string, o: Pbes2Options = {}): Uint8Array {
  if (key.type !== 'private') throw new PkiError('PKI_INVALID_INPUT', 'encryptPrivateKey needs a private key');
  const pkcs8 = new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
  const { algorithm, ciphertext } = pbes2Encrypt(pkcs8, password, o);
  pkcs8.fill(0);
  return der.sequence(algorithm, der.octetString(ciphertext));
}

/** PKCS#8 PrivateKeyInfo DER → KeyObject; a failure here after decryption means a wrong password. */
export function privateKeyFromPkcs8(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new BadPasswordError(`decrypted data is not a private key: ${(e as Error).message}`);
  }
}

/** Decrypts an EncryptedPrivateKeyInfo; wrong password → KEY_BAD_PASSWORD. `password` null = none (PKCS#12). */
export function decryptPrivateKey(encrypted: Uint8Array, password: string | null): KeyObject {
  const seq = parseDer(encrypted, 'KEY_INVALID', 'encrypted private key');
  if (!(seq instanceof asn1js.Sequence) || seq.valueBlock.value.length !== 2) {
    throw new PkiError('KEY_INVALID', 'not an EncryptedPrivateKeyInfo');
  }
  const [alg, data] = seq.valueBlock.value as [asn1js.Sequence, asn1js.OctetString];
  if (!(alg instanceof asn1js.Sequence) || !(data instanceof asn1js.OctetString)) throw new PkiError('KEY_INVALID', 'not an EncryptedPrivateKeyInfo');
  try {
    const plain = pbeDecrypt(alg, toBytes(data.getValue()), password);
    const key = privateKeyFromPkcs8(plain);
    plain.fill(0);
    return key;
  } catch (e) {
    if (e instanceof BadPasswordError) throw new PkiError('KEY_BAD_PASSWORD', 'wrong password for the encrypted private key', { cause: e });
    throw e;
  }
}

/** A Signer for a key kept encrypted: decrypted once here, held only inside the returned signer. */
export function encryptedKeySigner(
  encrypted: Uint8Array,
  password: string,
  certificate: Uint8Array,
  chain: readonly Uint8Array[] = [],
  scheme?: SignatureScheme,
): Signer {
  return keySigner(decryptPrivateKey(encrypted, password), certificate, chain, scheme);
}
