/**
 * Low-level signature and digest primitives over node:crypto: one place that knows how each
 * algorithm family is verified (PKCS#1 v1.5, PSS, ECDSA DER, EdDSA pure, DSA).
 */
import { createHash, createPublicKey, verify as cryptoVerify, constants, type KeyObject } from 'node:crypto';
import type { SignatureFamily } from '@paraphe/pki';

export interface DigestSpec { readonly name: string; readonly outputLength?: number }

/** Hashes the concatenation of `chunks` without copying them. */
export function digestChunks(spec: DigestSpec, chunks: readonly Uint8Array[]): Uint8Array {
  const h = spec.outputLength !== undefined ? createHash(spec.name, { outputLength: spec.outputLength }) : createHash(spec.name);
  for (const c of chunks) h.update(c);
  return new Uint8Array(h.digest());
}

export function publicKeyOf(spkiDer: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
}

/** Size of the key in bits (modulus for RSA/DSA, curve order for EC, fixed for EdDSA). */
export function keyBits(key: KeyObject): number {
  const d = key.asymmetricKeyDetails ?? {};
  if (typeof d.modulusLength === 'number') return d.modulusLength;
  switch (key.asymmetricKeyType) {
    case 'ed25519': return 256;
    case 'ed448': return 456;
    case 'ec': {
      const curve = d.namedCurve ?? '';
      const m = /(\d{3})/.exec(curve);
      return m ? Number(m[1]) : 0;
    }
    default: return 0;
  }
}

export interface VerifyInput {
  readonly family: SignatureFamily;
  /** node:crypto hash name; ignored for EdDSA. */
  readonly hash: string;
  readonly key: KeyObject;
  readonly data: readonly Uint8Array[];
  readonly signature: Uint8Array;
  readonly pssSaltLength?: number;
}

/** Returns null when the signature verifies, else the reason. Never throws. */
export function verifySignatureValue(input: VerifyInput): string | null {
  const { family, hash, key, signature } = input;
  try {
    const data = input.data.length === 1 ? input.data[0]! : Buffer.concat(input.data.map((d) => Buffer.from(d.buffer, d.byteOffset, d.length)));
    let ok: boolean;
    switch (family) {
      case 'ed25519':
      case 'ed448':
        if (key.asymmetricKeyType !== family) return `the certificate key is ${key.asymmetricKeyType}, not ${family}`;
        ok = cryptoVerify(null, data, key, signature);
        break;
      case 'rsa':
        if (key.asymmetricKeyType !== 'rsa') return `the certificate key is ${key.asymmetricKeyType}, not RSA`;
        ok = cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
        break;
      case 'rsa-pss':
        if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return `the certificate key is ${key.asymmetricKeyType}, not RSA`;
        ok = cryptoVerify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: input.pssSaltLength ?? 20 }, signature);
        break;
      case 'ecdsa':
        if (key.asymmetricKeyType !== 'ec') return `the certificate key is ${key.asymmetricKeyType}, not EC`;
        ok = cryptoVerify(hash, data, { key, dsaEncoding: 'der' }, signature);
        break;
      case 'dsa':
        if (key.asymmetricKeyType !== 'dsa') return `the certificate key is ${key.asymmetricKeyType}, not DSA`;
        ok = cryptoVerify(hash, data, { key, dsaEncoding: 'der' }, signature);
        break;
    }
    return ok ? null : 'the signature value does not verify with the signer certificate public key';
  } catch (e) {
    return `the signature could not be verified: ${(e as Error).message}`;
  }
}
