/** Hash algorithm names, OIDs and digests, mapped once for the whole PKI layer. */
import { createHash } from 'node:crypto';
import { OID } from './asn1/oids.js';
import { PkiError } from './errors.js';
import type { HashAlgorithm } from './signer.js';

const TABLE: Record<HashAlgorithm, { oid: string; node: string; length: number }> = {
  'SHA-256': { oid: OID.sha256, node: 'sha256', length: 32 },
  'SHA-384': { oid: OID.sha384, node: 'sha384', length: 48 },
  'SHA-512': { oid: OID.sha512, node: 'sha512', length: 64 },
};

export function hashOid(hash: HashAlgorithm): string {
  return TABLE[hash].oid;
}

/** node:crypto / OpenSSL digest name. */
export function nodeHashName(hash: HashAlgorithm): string {
  return TABLE[hash].node;
}

export function hashLength(hash: HashAlgorithm): number {
  return TABLE[hash].length;
}

export function hashFromOid(oid: string): HashAlgorithm {
  for (const [name, v] of Object.entries(TABLE)) if (v.oid === oid) return name as HashAlgorithm;
  throw new PkiError('PKI_UNSUPPORTED', `unsupported hash algorithm ${oid}`);
}

export function digest(data: Uint8Array, hash: HashAlgorithm): Uint8Array {
  return new Uint8Array(createHash(TABLE[hash].node).update(data).digest());
}
