/**
 * Password-based encryption as found in encrypted PKCS#8 and PKCS#12: PBES2 (PBKDF2 or
 * scrypt, AES-CBC or 3DES) for writing and reading, and the legacy PKCS#12 PBE schemes
 * (SHA-1 with 3DES or RC2) for reading. A wrong password surfaces as BadPasswordError.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync, scryptSync } from 'node:crypto';
import * as asn1js from 'asn1js';
import { der } from '../asn1/der-writer.js';
import { oidString, toBytes } from '../asn1/bytes.js';
import { OID } from '../asn1/oids.js';
import { PkiError } from '../errors.js';
import { defaultRandom, type RandomSource } from '../random.js';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.js';
import { rc2CbcDecrypt } from './rc2.js';

/** Decryption failed in a way a wrong password explains (bad padding, unparsable plaintext). */
export class BadPasswordError extends Error {}

const PRF: Record<string, string> = {
  [OID.hmacSha1]: 'sha1',
  [OID.hmacSha256]: 'sha256',
  [OID.hmacSha384]: 'sha384',
  [OID.hmacSha512]: 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  [OID.aes128Cbc]: { name: 'aes-128-cbc', keyLength: 16 },
  [OID.aes192Cbc]: { name: 'aes-192-cbc', keyLength: 24 },
  [OID.aes256Cbc]: { name: 'aes-256-cbc', keyLength: 32 },
  [OID.desEde3Cbc]: { name: 'des-ede3-cbc', keyLength: 24 },
};

export interface Pbes2Options {
  /** PBKDF2-HMAC-SHA256 iterations (default 600 000, OWASP 2023 guidance). */
  readonly iterations?: number;
  readonly random?: RandomSource;
}

export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

function decipher(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(name, key, iv);
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch (e) {
    throw new BadPasswordError(`decryption failed: ${(e as Error).message}`);
  }
}

/** PBES2 encryption (PBKDF2-HMAC-SHA256, AES-256-CBC); returns the AlgorithmIdentifier DER and ciphertext. */
export function pbes2Encrypt(plain: Uint8Array, password: string, o: Pbes2Options = {}): { algorithm: Uint8Array; ciphertext: Uint8Array } {
  const random = o.random ?? defaultRandom;
  const iterations = o.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  const salt = random(16);
  const iv = random(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const c = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
  const kdf = der.sequence(
    der.oid(OID.pbkdf2),
    der.sequence(der.octetString(salt), der.integer(bigEndian(iterations)), der.sequence(der.oid(OID.hmacSha256), der.null())),
  );
  const algorithm = der.sequence(der.oid(OID.pbes2), der.sequence(kdf, der.sequence(der.oid(OID.aes256Cbc), der.octetString(iv))));
  return { algorithm, ciphertext };
}

function bigEndian(n: number): Uint8Array {
  const hex = n.toString(16);
  return new Uint8Array(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
}

function intValue(v: asn1js.AsnType | undefined): number {
  if (!(v instanceof asn1js.Integer)) throw new PkiError('PKI_UNSUPPORTED', 'expected an INTEGER in encryption parameters');
  return v.valueBlock.valueDec;
}

function octets(v: asn1js.AsnType | undefined): Uint8Array {
  if (!(v instanceof asn1js.OctetString)) throw new PkiError('PKI_UNSUPPORTED', 'expected an OCTET STRING in encryption parameters');
  return toBytes(v.valueBlock.valueHexView);
}

function pbes2Decrypt(params: asn1js.Sequence, data: Uint8Array, password: string): Uint8Array {
  const [kdf, enc] = params.valueBlock.value as [asn1js.Sequence, asn1js.Sequence];
  const kdfOid = oidString(kdf.valueBlock.value[0] as asn1js.ObjectIdentifier);
  const encOid = oidString(enc.valueBlock.value[0] as asn1js.ObjectIdentifier);
  const cipher = CIPHERS[encOid];
  if (!cipher) throw new PkiError('PKI_UNSUPPORTED', `unsupported PBES2 cipher ${encOid}`);
  const iv = octets(enc.valueBlock.value[1]);
  const kp = (kdf.valueBlock.value[1] as asn1js.Sequence).valueBlock.value;
  const pw = Buffer.from(password, 'utf8');
  let key: Uint8Array;
  if (kdfOid === OID.pbkdf2) {
    const salt = octets(kp[0]);
    const iterations = intValue(kp[1]);
    let idx = 2;
    let keyLength = cipher.keyLength;
    if (kp[idx] instanceof asn1js.Integer) keyLength = intValue(kp[idx++]);
    const prfSeq = kp[idx] as asn1js.Sequence | undefined;
    const prfOid = prfSeq ? oidString(prfSeq.valueBlock.value[0] as asn1js.ObjectIdentifier) : OID.hmacSha1;
    const prf = PRF[prfOid];
    if (!prf) throw new PkiError('PKI_UNSUPPORTED', `unsupported PBKDF2 PRF ${prfOid}`);
    key = pbkdf2Sync(pw, salt, iterations, keyLength, prf);
  } else if (kdfOid === OID.scrypt) {
    const salt = octets(kp[0]);
    const N = intValue(kp[1]);
    const r = intValue(kp[2]);
    const p = intValue(kp[3]);
    key = scryptSync(pw, salt, cipher.keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  } else throw new PkiError('PKI_UNSUPPORTED', `unsupported PBES2 key derivation ${kdfOid}`);
  return decipher(cipher.name, key, iv, data);
}

/** Legacy PKCS#12 PBE (RFC 7292 Appendix C): SHA-1 KDF over the BMPString password. */
function pkcs12PbeDecrypt(oid: string, params: asn1js.Sequence, data: Uint8Array, password: string | null): Uint8Array {
  const salt = octets(params.valueBlock.value[0]);
  const iterations = intValue(params.valueBlock.value[1]);
  const pw = bmpPassword(password);
  const derive = (id: 1 | 2, n: number) => pkcs12Kdf('sha1', pw, salt, id, iterations, n);
  switch (oid) {
    case OID.pbeSha1And3DesCbc:
      return decipher('des-ede3-cbc', derive(1, 24), derive(2, 8), data);
    case OID.pbeSha1And2DesCbc: {
      const k = derive(1, 16);
      return decipher('des-ede3-cbc', new Uint8Array([...k, ...k.subarray(0, 8)]), derive(2, 8), data);
    }
    case OID.pbeSha1And40Rc2Cbc:
    case OID.pbeSha1And128Rc2Cbc: {
      const bits = oid === OID.pbeSha1And40Rc2Cbc ? 40 : 128;
      try {
        return rc2CbcDecrypt(derive(1, bits / 8), bits, derive(2, 8), data);
      } catch (e) {
        throw new BadPasswordError((e as Error).message);
      }
    }
    default:
      throw new PkiError('PKI_UNSUPPORTED', `unsupported PKCS#12 encryption ${oid}`);
  }
}

/**
 * Decrypts `data` under the AlgorithmIdentifier `alg` (PBES2 or PKCS#12 PBE).
 * `password` null means "no password" for PKCS#12 PBE (distinct from the empty string).
 */
export function pbeDecrypt(alg: asn1js.Sequence, data: Uint8Array, password: string | null): Uint8Array {
  const oid = oidString(alg.valueBlock.value[0] as asn1js.ObjectIdentifier);
  const params = alg.valueBlock.value[1] as asn1js.Sequence;
  if (oid === OID.pbes2) return pbes2Decrypt(params, data, password ?? '');
  return pkcs12PbeDecrypt(oid, params, data, password);
}
