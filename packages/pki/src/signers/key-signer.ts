/**
 * In-memory Signer over a node:crypto private key: RSA PKCS#1 v1.5, RSA-PSS (salt = hash
 * length unless told otherwise), ECDSA P-256/P-384/P-521 (DER signature) and Ed25519.
 */
import { constants, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { PkiError } from '../errors.js';
import { hashLength, nodeHashName } from '../hash.js';
import type { HashAlgorithm, SignatureScheme, Signer } from '../signer.js';

const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = {
  prime256v1: 'P-256',
  'P-256': 'P-256',
  secp384r1: 'P-384',
  'P-384': 'P-384',
  secp521r1: 'P-521',
  'P-521': 'P-521',
};

/** The natural scheme of a key: PKCS#1 v1.5 for RSA, ECDSA on its curve, Ed25519. */
export function defaultSchemeFor(key: KeyObject): SignatureScheme {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { kind: 'rsa-pkcs1v15' };
    case 'rsa-pss':
      return { kind: 'rsa-pss', saltLength: 32 };
    case 'ec': {
      const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
      if (!curve) throw new PkiError('PKI_UNSUPPORTED', `unsupported EC curve ${key.asymmetricKeyDetails?.namedCurve}`);
      return { kind: 'ecdsa', namedCurve: curve };
    }
    case 'ed25519':
      return { kind: 'ed25519' };
    default:
      throw new PkiError('PKI_UNSUPPORTED', `unsupported key type ${key.asymmetricKeyType}`);
  }
}

/** Checks that the scheme can be produced by the key, so a mismatch fails at construction. */
function checkScheme(key: KeyObject, scheme: SignatureScheme): void {
  const t = key.asymmetricKeyType;
  const ok =
    ((scheme.kind === 'rsa-pkcs1v15' || scheme.kind === 'rsa-pss') && (t === 'rsa' || t === 'rsa-pss')) ||
    (scheme.kind === 'ecdsa' && t === 'ec' && CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''] === scheme.namedCurve) ||
    (scheme.kind === 'ed25519' && t === 'ed25519');
  if (!ok) throw new PkiError('PKI_INVALID_INPUT', `scheme ${scheme.kind} does not match a ${t} key`);
}

/**
 * A Signer holding `privateKey` in memory. For RSA-PSS the scheme's saltLength is used when
 * given; `keySigner(k, c, [], { kind: 'rsa-pss', saltLength: 32 })` is the usual SHA-256 choice.
 */
export function keySigner(
  privateKey: KeyObject,
  certificate: Uint8Array,
  chain: readonly Uint8Array[] = [],
  scheme?: SignatureScheme,
): Signer {
  if (privateKey.type !== 'private') throw new PkiError('PKI_INVALID_INPUT', 'keySigner needs a private key');
  const s = scheme ?? defaultSchemeFor(privateKey);
  checkScheme(privateKey, s);
  return Object.freeze({
    certificate,
    chain: Object.freeze([...chain]),
    scheme: s,
    async sign(data: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array> {
      return signWithKey(privateKey, s, data, hash);
    },
  });
}

/** Raw signing primitive shared by keySigner and the self-signed bootstrap of issuing. */
export function signWithKey(privateKey: KeyObject, scheme: SignatureScheme, data: Uint8Array, hash: HashAlgorithm): Uint8Array {
  switch (scheme.kind) {
    case 'ed25519':
      return new Uint8Array(nodeSign(null, data, privateKey));
    case 'ecdsa':
      return new Uint8Array(nodeSign(nodeHashName(hash), data, { key: privateKey, dsaEncoding: 'der' }));
    case 'rsa-pss':
      return new Uint8Array(
        nodeSign(nodeHashName(hash), data, {
          key: privateKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: scheme.saltLength ?? hashLength(hash),
        }),
      );
    case 'rsa-pkcs1v15':
      return new Uint8Array(nodeSign(nodeHashName(hash), data, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }));
  }
}

/** The public half of a private key (e.g. to issue a certificate for a loaded key). */
export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}
