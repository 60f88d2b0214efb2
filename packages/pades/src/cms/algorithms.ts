/**
 * AlgorithmIdentifier encodings for the digests and signature schemes a Signer may produce, as
 * CMS expects them (digest parameters absent per RFC 5754; RSA-PSS with explicit params per
 * RFC 4055): pki's identifiers, as DER bytes for the CMS writer.
 */
import {
  type HashAlgorithm,
  hashAlgorithmIdentifier,
  hashOid,
  nodeHashName,
  type SignatureScheme,
  signatureAlgorithmIdentifier,
} from '@paraphe/pki';

/** node:crypto digest names, as a table. */
export const NODE_HASH: Readonly<Record<HashAlgorithm, string>> = {
  'SHA-256': nodeHashName('SHA-256'),
  'SHA-384': nodeHashName('SHA-384'),
  'SHA-512': nodeHashName('SHA-512'),
};

export function digestOid(hash: HashAlgorithm): string {
  return hashOid(hash);
}

/** Digest AlgorithmIdentifier with absent parameters (RFC 5754 §2). */
export function digestAlgorithmId(hash: HashAlgorithm): Uint8Array {
  return new Uint8Array(hashAlgorithmIdentifier(hash).toSchema().toBER());
}

export function signatureAlgorithmId(scheme: SignatureScheme, hash: HashAlgorithm): Uint8Array {
  return new Uint8Array(signatureAlgorithmIdentifier(scheme, hash).toSchema().toBER());
}
