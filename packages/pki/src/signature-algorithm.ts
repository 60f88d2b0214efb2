/**
 * Mapping between a Signer's scheme + hash and the AlgorithmIdentifier written into
 * certificates, CRLs, OCSP responses and CMS, and the reverse mapping used to verify them.
 */
import { createPublicKey, verify as nodeVerify, constants, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './asn1/oids.js';
import { PkiError } from './errors.js';
import { hashFromOid, hashLength, hashOid, nodeHashName } from './hash.js';
import type { HashAlgorithm, SignatureScheme } from './signer.js';

/** AlgorithmIdentifier of a hash; `withNull` writes the NULL parameter some profiles expect. */
export function hashAlgorithmIdentifier(hash: HashAlgorithm, withNull = false): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: hashOid(hash),
    ...(withNull ? { algorithmParams: new asn1js.Null() } : {}),
  });
}

export function signatureAlgorithmIdentifier(scheme: SignatureScheme, hash: HashAlgorithm): pkijs.AlgorithmIdentifier {
  switch (scheme.kind) {
    case 'rsa-pkcs1v15': {
      const oid = { 'SHA-256': OID.sha256WithRSA, 'SHA-384': OID.sha384WithRSA, 'SHA-512': OID.sha512WithRSA }[hash];
      return new pkijs.AlgorithmIdentifier({ algorithmId: oid, algorithmParams: new asn1js.Null() });
    }
    case 'rsa-pss': {
      const h = hashAlgorithmIdentifier(hash, true);
      const params = new asn1js.Sequence({
        value: [
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [h.toSchema()] }),
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 1 },
            value: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: h.toSchema() }).toSchema()],
          }),
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 2 },
            value: [new asn1js.Integer({ value: scheme.saltLength })],
          }),
        ],
      });
      return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsassaPss, algorithmParams: params });
    }
    case 'ecdsa': {
      const oid = { 'SHA-256': OID.ecdsaSha256, 'SHA-384': OID.ecdsaSha384, 'SHA-512': OID.ecdsaSha512 }[hash];
      return new pkijs.AlgorithmIdentifier({ algorithmId: oid });
    }
    case 'ed25519':
      return new pkijs.AlgorithmIdentifier({ algorithmId: OID.ed25519 });
  }
}

/** What a signature AlgorithmIdentifier asks a verifier to do. */
export interface SignatureAlgorithmParams {
  readonly kind: SignatureScheme['kind'];
  /** null for Ed25519, which hashes internally. */
  readonly hash: HashAlgorithm | null;
  readonly saltLength?: number;
}

export function parseSignatureAlgorithm(alg: pkijs.AlgorithmIdentifier): SignatureAlgorithmParams {
  switch (alg.algorithmId) {
    case OID.sha256WithRSA:
      return { kind: 'rsa-pkcs1v15', hash: 'SHA-256' };
    case OID.sha384WithRSA:
      return { kind: 'rsa-pkcs1v15', hash: 'SHA-384' };
    case OID.sha512WithRSA:
      return { kind: 'rsa-pkcs1v15', hash: 'SHA-512' };
    case OID.ecdsaSha256:
      return { kind: 'ecdsa', hash: 'SHA-256' };
    case OID.ecdsaSha384:
      return { kind: 'ecdsa', hash: 'SHA-384' };
    case OID.ecdsaSha512:
      return { kind: 'ecdsa', hash: 'SHA-512' };
    case OID.ed25519:
      return { kind: 'ed25519', hash: null };
    case OID.rsassaPss: {
      const p = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
      const hash = hashFromOid(p.hashAlgorithm.algorithmId);
      return { kind: 'rsa-pss', hash, saltLength: p.saltLength ?? 20 };
    }
    default:
      throw new PkiError('PKI_UNSUPPORTED', `unsupported signature algorithm ${alg.algorithmId}`);
  }
}

/** Public key object from SubjectPublicKeyInfo DER. */
export function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

/**
 * Verifies `signature` over `data` with the key in `spki` under `algorithm`.
 * Returns the cryptographic outcome; throws only when the algorithm is not supported.
 */
export function verifySignature(
  spki: Uint8Array | KeyObject,
  algorithm: pkijs.AlgorithmIdentifier,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const key = spki instanceof Uint8Array ? publicKeyFromSpki(spki) : spki;
  const p = parseSignatureAlgorithm(algorithm);
  if (p.kind === 'ed25519') return nodeVerify(null, data, key, signature);
  const hashName = nodeHashName(p.hash as HashAlgorithm);
  if (p.kind === 'rsa-pss') {
    return nodeVerify(hashName, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength ?? hashLength(p.hash as HashAlgorithm) }, signature);
  }
  if (p.kind === 'ecdsa') return nodeVerify(hashName, data, { key, dsaEncoding: 'der' }, signature);
  return nodeVerify(hashName, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
}

/**
 * CMS SignerInfo signature algorithms may name only the key type (rsaEncryption, ecPublicKey);
 * the digest then comes from the SignerInfo's digestAlgorithm.
 */
export function cmsSignatureAlgorithm(alg: pkijs.AlgorithmIdentifier, digestHash: HashAlgorithm): pkijs.AlgorithmIdentifier {
  if (alg.algorithmId === OID.rsaEncryption) return signatureAlgorithmIdentifier({ kind: 'rsa-pkcs1v15' }, digestHash);
  if (alg.algorithmId === OID.ecPublicKey) return signatureAlgorithmIdentifier({ kind: 'ecdsa', namedCurve: 'P-256' }, digestHash);
  return alg;
}
