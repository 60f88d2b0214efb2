/** Verification of X.509-style signatures (RSA PKCS#1 v1.5, RSA-PSS, ECDSA, DSA, EdDSA) with node:crypto. */
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { DIGEST_ALGORITHMS, SIGNATURE_ALGORITHMS, type SignatureFamily } from '../asn1/algorithm-oids.js';
import { OID } from '../asn1/oids.js';
import { children, contentBytes, isContext, oidOf, smallInt } from './der.js';
import type { AlgorithmId } from './certificate.js';
import type { AlgorithmDescription } from './types.js';

/** Names path validation reports for each signature family (AlgorithmDescription.name). */
const FAMILY_NAMES: Record<SignatureFamily, string> = {
  rsa: 'RSA', 'rsa-pss': 'RSA-PSS', ecdsa: 'ECDSA', dsa: 'DSA', ed25519: 'Ed25519', ed448: 'Ed448',
};

function hashName(oid: string): string {
  return DIGEST_ALGORITHMS[oid]?.name ?? 'unknown';
}

/**
 * A certificate's signature algorithm must name its hash (or carry it in PSS parameters, or hash
 * internally as EdDSA does): a bare key OID such as rsaEncryption says nothing and is unsupported.
 */
function signatureAlgorithm(oid: string): { name: string; hash?: string } | null {
  const known = SIGNATURE_ALGORITHMS[oid];
  if (!known) return null;
  const selfHashing = known.family === 'rsa-pss' || known.family === 'ed25519' || known.family === 'ed448';
  if (!known.hash && !selfHashing) return null;
  return known.hash ? { name: FAMILY_NAMES[known.family], hash: known.hash } : { name: FAMILY_NAMES[known.family] };
}

export type SignatureCheck =
  | { ok: true; algorithm: AlgorithmDescription }
  | { ok: false; unsupported: boolean; reason: string; algorithm?: AlgorithmDescription };

interface PssParams { hash: string; mgfHash: string; saltLength: number }

function pssParams(alg: AlgorithmId): PssParams {
  const out: PssParams = { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 };
  for (const item of alg.params ? children(alg.params) : []) {
    const inner = children(item)[0];
    if (isContext(item, 0) && inner) out.hash = hashName(oidOf(children(inner)[0]));
    else if (isContext(item, 1) && inner) {
      const mgfParams = children(inner)[1];
      out.mgfHash = mgfParams ? hashName(oidOf(children(mgfParams)[0])) : 'sha1';
    } else if (isContext(item, 2) && inner) out.saltLength = smallInt(inner);
  }
  return out;
}

export function describeSignatureAlgorithm(alg: AlgorithmId): AlgorithmDescription | null {
  const known = signatureAlgorithm(alg.oid);
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
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.dsa }), paramBlock] }),
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
