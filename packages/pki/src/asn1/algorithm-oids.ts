/**
 * Digest and signature algorithm identifiers a verifier recognises, mapped to node:crypto names.
 * Unknown identifiers are reported by the callers, never guessed.
 */

/** Digest algorithms: OID → node:crypto name (and output length for XOFs). */
export const DIGEST_ALGORITHMS: Readonly<Record<string, { name: string; outputLength?: number }>> = {
  '1.2.840.113549.2.2': { name: 'md2' },
  '1.2.840.113549.2.5': { name: 'md5' },
  '1.3.14.3.2.26': { name: 'sha1' },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224' },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256' },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384' },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512' },
  '2.16.840.1.101.3.4.2.5': { name: 'sha512-224' },
  '2.16.840.1.101.3.4.2.6': { name: 'sha512-256' },
  '2.16.840.1.101.3.4.2.7': { name: 'sha3-224' },
  '2.16.840.1.101.3.4.2.8': { name: 'sha3-256' },
  '2.16.840.1.101.3.4.2.9': { name: 'sha3-384' },
  '2.16.840.1.101.3.4.2.10': { name: 'sha3-512' },
  '2.16.840.1.101.3.4.2.11': { name: 'shake128', outputLength: 32 },
  '2.16.840.1.101.3.4.2.12': { name: 'shake256', outputLength: 64 },
  // id-shake256-len (RFC 8702): length parameter in bits, 512 for Ed448.
  '2.16.840.1.101.3.4.2.18': { name: 'shake256', outputLength: 64 },
};

export type SignatureFamily = 'rsa' | 'rsa-pss' | 'ecdsa' | 'ed25519' | 'ed448' | 'dsa';

/**
 * Signature algorithms: OID → family and, for combined identifiers, the hash they imply.
 * `hash` undefined means "the hash comes from elsewhere" (CMS digestAlgorithm, PSS parameters)
 * or, for EdDSA, that the scheme hashes internally.
 */
export const SIGNATURE_ALGORITHMS: Readonly<Record<string, { family: SignatureFamily; hash?: string }>> = {
  '1.2.840.113549.1.1.1': { family: 'rsa' },
  '1.2.840.113549.1.1.2': { family: 'rsa', hash: 'md2' },
  '1.2.840.113549.1.1.4': { family: 'rsa', hash: 'md5' },
  '1.2.840.113549.1.1.5': { family: 'rsa', hash: 'sha1' },
  '1.3.14.3.2.29': { family: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { family: 'rsa', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { family: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { family: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { family: 'rsa', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.13': { family: 'rsa', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.14': { family: 'rsa', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.15': { family: 'rsa', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.16': { family: 'rsa', hash: 'sha3-512' },
  '1.2.840.113549.1.1.10': { family: 'rsa-pss' },
  '1.2.840.10045.2.1': { family: 'ecdsa' },
  '1.2.840.10045.4.1': { family: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { family: 'ecdsa', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { family: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { family: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { family: 'ecdsa', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.9': { family: 'ecdsa', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.10': { family: 'ecdsa', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.11': { family: 'ecdsa', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.12': { family: 'ecdsa', hash: 'sha3-512' },
  '1.3.101.112': { family: 'ed25519' },
  '1.3.101.113': { family: 'ed448' },
  '1.2.840.10040.4.1': { family: 'dsa' },
  '1.2.840.10040.4.3': { family: 'dsa', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.1': { family: 'dsa', hash: 'sha224' },
  '2.16.840.1.101.3.4.3.2': { family: 'dsa', hash: 'sha256' },
};
