/**
 * Generates a signing key pair on a PKCS#11 token (non-extractable, sensitive private key) and
 * returns its public key as SubjectPublicKeyInfo, ready for issueCertificate.
 */
import { createPublicKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import { der } from '../../asn1/der-writer.js';
import { toArrayBuffer } from '../../asn1/bytes.js';
import { OID } from '../../asn1/oids.js';
import { PkiError } from '../../errors.js';
import { defaultRandom } from '../../random.js';
import { openSession, p11Call } from './module.js';

export interface GenerateTokenKeyOptions {
  readonly module: string;
  readonly tokenLabel: string;
  readonly pin: string;
  readonly keyLabel: string;
  /** CKA_ID; default 8 random bytes. */
  readonly keyId?: Uint8Array;
  readonly algorithm: 'rsa-2048' | 'rsa-3072' | 'rsa-4096' | 'ec-p256' | 'ec-p384' | 'ed25519';
}

export interface TokenKey {
  readonly keyId: Uint8Array;
  readonly keyLabel: string;
  /** SubjectPublicKeyInfo DER of the generated key. */
  readonly spki: Uint8Array;
}

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** PKCS#11 3.0 value, absent from pkcs11js's constant table. */
const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;

/** CKA_EC_POINT is a DER OCTET STRING around the point on conforming tokens, the bare point on some others. */
function unwrapPoint(value: Uint8Array, bareLength: number, bareFirst?: number): Uint8Array {
  const bare = value.length === bareLength && (bareFirst === undefined || value[0] === bareFirst);
  if (bare) return value;
  const inner = asn1js.fromBER(toArrayBuffer(value)).result;
  if (inner instanceof asn1js.OctetString && inner.valueBlock.valueHexView.length === bareLength) return new Uint8Array(inner.valueBlock.valueHexView);
  throw new PkiError('PKCS11_ERROR', 'unexpected EC point format from the token');
}

export function generateTokenKeyPair(o: GenerateTokenKeyOptions): TokenKey {
  const s = openSession(o);
  const L = s.lib;
  const keyId = o.keyId ?? defaultRandom(8);
  try {
    const common = [
      { type: L.CKA_TOKEN, value: true },
      { type: L.CKA_LABEL, value: o.keyLabel },
      { type: L.CKA_ID, value: Buffer.from(keyId) },
    ];
    const priv = [...common, { type: L.CKA_PRIVATE, value: true }, { type: L.CKA_SIGN, value: true }, { type: L.CKA_SENSITIVE, value: true }, { type: L.CKA_EXTRACTABLE, value: false }];
    let spki: Uint8Array;
    if (o.algorithm.startsWith('rsa-')) {
      const pub = [...common, { type: L.CKA_VERIFY, value: true }, { type: L.CKA_MODULUS_BITS, value: Number(o.algorithm.slice(4)) }, { type: L.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) }];
      const kp = p11Call('C_GenerateKeyPair', () => s.p11.C_GenerateKeyPair(s.handle, { mechanism: L.CKM_RSA_PKCS_KEY_PAIR_GEN }, pub, priv));
      const [n, e] = p11Call('C_GetAttributeValue', () => s.p11.C_GetAttributeValue(s.handle, kp.publicKey, [{ type: L.CKA_MODULUS }, { type: L.CKA_PUBLIC_EXPONENT }]));
      const jwk = { kty: 'RSA', n: b64u(n?.value as Buffer), e: b64u(e?.value as Buffer) };
      spki = new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'spki' }));
    } else if (o.algorithm === 'ed25519') {
      const pub = [...common, { type: L.CKA_VERIFY, value: true }, { type: L.CKA_EC_PARAMS, value: Buffer.from(der.oid(OID.ed25519)) }];
      const kp = p11Call('C_GenerateKeyPair', () => s.p11.C_GenerateKeyPair(s.handle, { mechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN }, pub, priv));
      const [pt] = p11Call('C_GetAttributeValue', () => s.p11.C_GetAttributeValue(s.handle, kp.publicKey, [{ type: L.CKA_EC_POINT }]));
      const x = unwrapPoint(new Uint8Array(pt?.value as Buffer), 32);
      spki = new Uint8Array(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(x) }, format: 'jwk' }).export({ format: 'der', type: 'spki' }));
    } else {
      const curve = o.algorithm === 'ec-p256' ? { oid: OID.p256, crv: 'P-256', size: 32 } : { oid: OID.p384, crv: 'P-384', size: 48 };
      const pub = [...common, { type: L.CKA_VERIFY, value: true }, { type: L.CKA_EC_PARAMS, value: Buffer.from(der.oid(curve.oid)) }];
      const kp = p11Call('C_GenerateKeyPair', () => s.p11.C_GenerateKeyPair(s.handle, { mechanism: L.CKM_EC_KEY_PAIR_GEN }, pub, priv));
      const [pt] = p11Call('C_GetAttributeValue', () => s.p11.C_GetAttributeValue(s.handle, kp.publicKey, [{ type: L.CKA_EC_POINT }]));
      const point = unwrapPoint(new Uint8Array(pt?.value as Buffer), 1 + 2 * curve.size, 0x04);
      const jwk = { kty: 'EC', crv: curve.crv, x: b64u(point.subarray(1, 1 + curve.size)), y: b64u(point.subarray(1 + curve.size)) };
      spki = new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'spki' }));
    }
    return Object.freeze({ keyId, keyLabel: o.keyLabel, spki });
  } finally {
    s.close();
  }
}
