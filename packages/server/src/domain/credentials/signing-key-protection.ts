/**
 * How a personal signing key is stored: PKCS#8 EncryptedPrivateKeyInfo, PBES2 with scrypt
 * (RFC 7914, per-key random salt) and AES-256-CBC, under a key derived from the holder's
 * signing password. The format is standard (`openssl pkcs8` reads it); the server never keeps
 * anything that opens it without that password.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, scrypt as scryptCallback, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AppError } from '../../errors.js';

/** scrypt cost: N = 2^15, r = 8, p = 1 (≈ 32 MiB and ~0.1 s per derivation, RFC 7914 interactive guidance). */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
/** Refuse stored parameters beyond this (a tampered row must not exhaust memory). */
const MAX_N = 2 ** 20;

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_SCRYPT = '1.3.6.1.4.1.11591.4.11';
const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';

function scrypt(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(Buffer.from(password, 'utf8'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 16 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const int = (value: number) => new asn1js.Integer({ value });
const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: Uint8Array.from(bytes).buffer });

export async function encryptSigningKey(
  key: KeyObject,
  password: string,
  random: (bytes: number) => Buffer,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<Uint8Array> {
  const salt = random(16);
  const iv = random(16);
  const derived = await scrypt(password, salt, cost);
  const pkcs8 = key.export({ format: 'der', type: 'pkcs8' });
  const cipher = createCipheriv('aes-256-cbc', derived, iv);
  const ciphertext = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  pkcs8.fill(0);
  derived.fill(0);
  const algorithm = new asn1js.Sequence({
    value: [
      oid(OID_PBES2),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [oid(OID_SCRYPT), new asn1js.Sequence({ value: [octets(salt), int(cost.N), int(cost.r), int(cost.p)] })] }),
          new asn1js.Sequence({ value: [oid(OID_AES256_CBC), octets(iv)] }),
        ],
      }),
    ],
  });
  return new Uint8Array(new asn1js.Sequence({ value: [algorithm, octets(ciphertext)] }).toBER(false));
}

interface Parsed {
  readonly salt: Uint8Array;
  readonly cost: ScryptCost;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

function corrupt(what: string): AppError {
  return new AppError('INTERNAL', `stored signing key is not readable: ${what}`);
}

function parse(der: Uint8Array): Parsed {
  const read = asn1js.fromBER(Uint8Array.from(der).buffer);
  if (read.offset === -1) throw corrupt('not DER');
  const seq = (v: unknown): asn1js.AsnType[] => {
    if (!(v instanceof asn1js.Sequence)) throw corrupt('expected a SEQUENCE');
    return v.valueBlock.value;
  };
  const oidOf = (v: unknown) => (v instanceof asn1js.ObjectIdentifier ? v.valueBlock.toString() : '');
  const bytes = (v: unknown) => {
    if (!(v instanceof asn1js.OctetString)) throw corrupt('expected an OCTET STRING');
    return new Uint8Array(v.valueBlock.valueHexView);
  };
  const num = (v: unknown) => {
    if (!(v instanceof asn1js.Integer)) throw corrupt('expected an INTEGER');
    return v.valueBlock.valueDec;
  };
  const [algorithm, data] = seq(read.result);
  const [pbes2, params] = seq(algorithm);
  if (oidOf(pbes2) !== OID_PBES2) throw corrupt('not PBES2');
  const [kdf, scheme] = seq(params);
  const [kdfOid, kdfParams] = seq(kdf);
  const [schemeOid, iv] = seq(scheme);
  if (oidOf(kdfOid) !== OID_SCRYPT || oidOf(schemeOid) !== OID_AES256_CBC) throw corrupt('not scrypt with AES-256-CBC');
  const [salt, N, r, p] = seq(kdfParams);
  const cost = { N: num(N), r: num(r), p: num(p) };
  if (!(cost.N > 1 && cost.N <= MAX_N && cost.r >= 1 && cost.r <= 32 && cost.p >= 1 && cost.p <= 16)) throw corrupt('scrypt parameters out of range');
  return { salt: bytes(salt), cost, iv: bytes(iv), ciphertext: bytes(data) };
}

/**
 * Opens a stored key; a wrong password gives KEY_BAD_PASSWORD. `expectedSpki` (the
 * certificate's public key) guards against the ~1/256 wrong passwords whose padding happens
 * to look right.
 */
export async function decryptSigningKey(der: Uint8Array, password: string, expectedSpki?: Uint8Array): Promise<KeyObject> {
  const parsed = parse(der);
  const derived = await scrypt(password, parsed.salt, parsed.cost);
  let pkcs8: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', derived, parsed.iv);
    pkcs8 = Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]);
  } catch {
    // Bad padding is what a wrong password looks like; the reason is the password, nothing else.
    throw badPassword();
  } finally {
    derived.fill(0);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch {
    throw badPassword();
  } finally {
    pkcs8.fill(0);
  }
  if (expectedSpki && !Buffer.from(createPublicKey(key).export({ format: 'der', type: 'spki' })).equals(Buffer.from(expectedSpki))) throw badPassword();
  return key;
}

function badPassword(): AppError {
  return new AppError('KEY_BAD_PASSWORD', 'wrong signing password');
}
