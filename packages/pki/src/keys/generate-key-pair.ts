/**
 * Key pair generation with node:crypto. Keys are KeyObjects throughout the PKI layer:
 * node:crypto signs faster than WebCrypto and exports SPKI/PKCS#8 directly.
 */
import { createPublicKey, generateKeyPair as nodeGenerateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

export type KeyAlgorithm = 'rsa-2048' | 'rsa-3072' | 'rsa-4096' | 'ec-p256' | 'ec-p384' | 'ed25519';

export interface KeyPair {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

const generate = promisify(nodeGenerateKeyPair) as unknown as (type: string, options: object) => Promise<KeyPair>;

export async function generateKeyPair(alg: KeyAlgorithm): Promise<KeyPair> {
  switch (alg) {
    case 'rsa-2048':
    case 'rsa-3072':
    case 'rsa-4096':
      return generate('rsa', { modulusLength: Number(alg.slice(4)), publicExponent: 0x10001 });
    case 'ec-p256':
      return generate('ec', { namedCurve: 'P-256' });
    case 'ec-p384':
      return generate('ec', { namedCurve: 'P-384' });
    case 'ed25519':
      return generate('ed25519', {});
  }
}

/** SubjectPublicKeyInfo DER of a public (or private) key. */
export function spkiOf(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return new Uint8Array(pub.export({ format: 'der', type: 'spki' }));
}
