/**
 * AlgorithmIdentifier encodings for the digests and signature schemes a Signer may produce,
 * as CMS expects them (digest parameters absent per RFC 5754; RSA-PSS with explicit params per RFC 4055).
 */
import { type HashAlgorithm, OID, type SignatureScheme } from '@paraphe/pki';
import { derNull, explicit, integer, objectIdentifier, sequence } from './der.js';

const DIGEST_OID: Record<HashAlgorithm, string> = {
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
};

/** node:crypto digest names. */
export const NODE_HASH: Record<HashAlgorithm, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

export function digestOid(hash: HashAlgorithm): string {
  return DIGEST_OID[hash];
}

/** Digest AlgorithmIdentifier with absent parameters (RFC 5754 §2). */
export function digestAlgorithmId(hash: HashAlgorithm): Uint8Array {
  return sequence(objectIdentifier(DIGEST_OID[hash]));
}

/** Hash AlgorithmIdentifier with NULL parameters, as RFC 4055 writes them inside RSASSA-PSS-params. */
function pssHashId(hash: HashAlgorithm): Uint8Array {
  return sequence(objectIdentifier(DIGEST_OID[hash]), derNull());
}

export function signatureAlgorithmId(scheme: SignatureScheme, hash: HashAlgorithm): Uint8Array {
  switch (scheme.kind) {
    case 'rsa-pkcs1v15': {
      const oid = { 'SHA-256': OID.sha256WithRSA, 'SHA-384': OID.sha384WithRSA, 'SHA-512': OID.sha512WithRSA }[hash];
      return sequence(objectIdentifier(oid), derNull());
    }
    case 'rsa-pss':
      // Full parameters even for SHA-256: the defaults (SHA-1, salt 20) would be wrong here.
      return sequence(
        objectIdentifier(OID.rsassaPss),
        sequence(
          explicit(0, pssHashId(hash)),
          explicit(1, sequence(objectIdentifier(OID.mgf1), pssHashId(hash))),
          explicit(2, integer(scheme.saltLength)),
        ),
      );
    case 'ecdsa': {
      const oid = { 'SHA-256': OID.ecdsaSha256, 'SHA-384': OID.ecdsaSha384, 'SHA-512': OID.ecdsaSha512 }[hash];
      return sequence(objectIdentifier(oid));
    }
    case 'ed25519':
      return sequence(objectIdentifier(OID.ed25519));
  }
}
