/** Verification of X.509-style signatures (RSA PKCS#1 v1.5, RSA-PSS, ECDSA, DSA, EdDSA) with node:crypto. */
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { children, contentBytes, isContext, oidOf, smallInt } from './der.js';
import type { AlgorithmId } from './certificate.js';
import type { AlgorithmDescription } from './types.js';

const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.4': 'sha224', '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512', '1.2.840.113549.2.5': 'md5',
  '1.2.840.113549.2.2': 'md2', '2.16.840.1.101.3.4.2.8': 'sha3-256', '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
};

const SIG_OIDS: Record<string, { name: string; hash?: string }> = {
  '1.2.840.113549.1.1.2': { name: 'RSA', hash: 'md2' },
  '1.2.840.113549.1.1.4': { name: 'RSA', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'RSA', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { name: 'RSA', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { name: 'RSA', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'RSA', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'RSA', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.14': { name: 'RSA', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.15': { name: 'RSA', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.16': { name: 'RSA', hash: 'sha3-512' },
  '1.2.840.113549.1.1.10': { name: 'RSA-PSS' },
  '1.2.840.10045.4.1': { name: 'ECDSA', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ECDSA', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ECDSA', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ECDSA', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ECDSA', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'DSA', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.1': { name: 'DSA', hash: 'sha224' },
  '2.16.840.1.101.3.4.3.2': { name: 'DSA', hash: 'sha256' },
  '1.3.101.112': { name: 'Ed25519' },
  '1.3.101.113': { name: 'Ed448' },
};

export const DSA_KEY_OID = '1.2.840.10040.4.1';

export type SignatureCheck =
  | { ok: true; algorithm: AlgorithmDescription }
  | { ok: false; unsupported: boolean; reason: string; algorithm?: AlgorithmDescription };

interface PssParams { hash: string; mgfHash: string; saltLength: number }

function pssParams(alg: AlgorithmId): PssParams {
  const out: PssParams = { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 };
  for (const item of alg.params ? children(alg.params) : []) {
    const inner = children(item)[0];
    if (isContext(item, 0) && inner) out.hash = HASH_OIDS[oidOf(children(inner)[0])] ?? 'unknown';
    else if (isContext(item, 1) && inner) {
      const mgfParams = children(inner)[1];
      out.mgfHash = mgfParams ? HASH_OIDS[oidOf(children(mgfParams)[0])] ?? 'unknown' : 'sha1';
    } else if (isContext(item, 2) && inner) out.saltLength = smallInt(inner);
  }
  return out;
}

export function describeSignatureAlgorithm(alg: AlgorithmId): AlgorithmDescription | null {
  const known = SIG_OIDS[alg.oid];
  if (!known) return null;
  if (known.name === 'RSA-PSS') return { name: 'RSA-PSS', hash: pssParams(alg).hash };
  return known.hash ? { name: known.name, hash: known.hash } : { name: known.name };
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };

export function keyBits(key: KeyObject): number | undefined {
  const d = key.asymmetricKeyDetails;
  if (!d) return undefined;
  if (d.modulusLength) return d.modulusLength;
  if (d.namedCurve) return CURVE_BITS[d.namedCurve] ?? undefined;
  if (key.asymmetricKeyType === 'ed25519') return 256;
  if (key.asymmetricKeyType === 'ed448') return 456;
  return undefined;
}

/** Rebuilds a DSA SubjectPublicKeyInfo with parameters inherited from the issuer (RFC 5280 §6.1.4 (f)). */
export function withDsaParameters(spki: Uint8Array, params: Uint8Array): Uint8Array {
  const root = asn1js.fromBER(spki).result;
  const [, key] = children(root);
  const paramBlock = asn1js.fromBER(params).result;
  const seq = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: DSA_KEY_OID }), paramBlock] }),
      new asn1js.BitString({ valueHex: contentBytes(key!).slice(1) }),
    ],
  });
  return new Uint8Array(seq.toBER());
}

export function publicKeyOf(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}

/** Verifies `signature` over `data` with the key in `spki`; keeps the reason on failure. */
export function verifySignature(data: Uint8Array, signature: Uint8Array, alg: AlgorithmId, spki: Uint8Array): SignatureCheck {
  const desc = describeSignatureAlgorithm(alg);
  if (!desc) return { ok: false, unsupported: true, reason: `unsupported signature algorithm ${alg.oid}` };
  let key: KeyObject;
  try {
    key = publicKeyOf(spki);
  } catch (e) {
    return { ok: false, unsupported: true, reason: `unusable public key: ${(e as Error).message}`, algorithm: desc };
  }
  const bits = keyBits(key);
  const algorithm = bits === undefined ? desc : { ...desc, keyBits: bits };
  try {
    let ok: boolean;
    if (desc.name === 'RSA-PSS') {
      const p = pssParams(alg);
      if (p.hash !== p.mgfHash) return { ok: false, unsupported: true, reason: 'RSA-PSS with differing MGF1 hash', algorithm };
      ok = verify(p.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength }, signature);
    } else if (desc.name === 'Ed25519' || desc.name === 'Ed448') {
      ok = verify(null, data, key, signature);
    } else {
      ok = verify(desc.hash!, data, key, signature);
    }
    return ok ? { ok: true, algorithm } : { ok: false, unsupported: false, reason: 'signature does not verify', algorithm };
  } catch (e) {
    return { ok: false, unsupported: false, reason: `signature check error: ${(e as Error).message}`, algorithm };
  }
}
