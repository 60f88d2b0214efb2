/**
 * A Signer whose private key stays on a PKCS#11 token (HSM, smart card, SoftHSM2 in tests):
 * RSA PKCS#1 v1.5 and PSS through the token's hash-and-sign mechanisms, ECDSA by signing a
 * locally computed digest with CKM_ECDSA and converting the raw r||s to DER.
 */
import { digest, hashLength } from '../../hash.js';
import { parseCertificate } from '../../cert/parse-certificate.js';
import type { HashAlgorithm, SignatureScheme, Signer } from '../../signer.js';
import { defaultSchemeFor } from '../key-signer.js';
import { findObject, openSession, p11Call, type Session } from './module.js';
import { rawEcdsaToDer } from './ecdsa-der.js';

/** PKCS#11 3.0 value, absent from pkcs11js's constant table. */
export const CKM_EDDSA = 0x1057;

export interface Pkcs11SignerOptions {
  /** Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so. */
  readonly module: string;
  readonly tokenLabel: string;
  readonly pin: string;
  readonly keyLabel?: string;
  readonly keyId?: Uint8Array;
  readonly certificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  /** Default: PKCS#1 v1.5 for RSA, ECDSA on the certificate's curve. */
  readonly scheme?: SignatureScheme;
}

/** A Signer holding an open token session; call close() when done. */
export interface Pkcs11Signer extends Signer {
  close(): void;
}

function mechanismFor(s: Session, scheme: SignatureScheme, hash: HashAlgorithm) {
  const L = s.lib;
  const pick = <T>(m: Record<HashAlgorithm, T>) => m[hash];
  switch (scheme.kind) {
    case 'rsa-pkcs1v15':
      return { mechanism: pick({ 'SHA-256': L.CKM_SHA256_RSA_PKCS, 'SHA-384': L.CKM_SHA384_RSA_PKCS, 'SHA-512': L.CKM_SHA512_RSA_PKCS }) };
    case 'rsa-pss':
      return {
        mechanism: pick({ 'SHA-256': L.CKM_SHA256_RSA_PKCS_PSS, 'SHA-384': L.CKM_SHA384_RSA_PKCS_PSS, 'SHA-512': L.CKM_SHA512_RSA_PKCS_PSS }),
        parameter: {
          type: L.CK_PARAMS_RSA_PSS,
          hashAlg: pick({ 'SHA-256': L.CKM_SHA256, 'SHA-384': L.CKM_SHA384, 'SHA-512': L.CKM_SHA512 }),
          mgf: pick({ 'SHA-256': L.CKG_MGF1_SHA256, 'SHA-384': L.CKG_MGF1_SHA384, 'SHA-512': L.CKG_MGF1_SHA512 }),
          saltLen: scheme.saltLength ?? hashLength(hash),
        },
      };
    case 'ecdsa':
      return { mechanism: L.CKM_ECDSA };
    case 'ed25519':
      return { mechanism: CKM_EDDSA };
  }
}

export function pkcs11Signer(o: Pkcs11SignerOptions): Pkcs11Signer {
  const cert = parseCertificate(o.certificate);
  const scheme = o.scheme ?? defaultSchemeFor(cert.publicKey);
  const session = openSession(o);
  let key;
  try {
    key = findObject(session, session.lib.CKO_PRIVATE_KEY, o.keyLabel, o.keyId);
  } catch (e) {
    session.close();
    throw e;
  }
  const fieldBytes = scheme.kind === 'ecdsa' ? { 'P-256': 32, 'P-384': 48, 'P-521': 66 }[scheme.namedCurve] : 0;
  return Object.freeze({
    certificate: o.certificate,
    chain: Object.freeze([...(o.chain ?? [])]),
    scheme,
    async sign(data: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array> {
      const mech = mechanismFor(session, scheme, hash);
      // ECDSA tokens sign a digest; RSA mechanisms hash on the token; EdDSA is pure (signs the data).
      const input = scheme.kind === 'ecdsa' ? digest(data, hash) : data;
      p11Call('C_SignInit', () => session.p11.C_SignInit(session.handle, mech, key));
      const sig = p11Call('C_Sign', () => session.p11.C_Sign(session.handle, Buffer.from(input), Buffer.alloc(1024)));
      const raw = new Uint8Array(sig);
      return scheme.kind === 'ecdsa' ? rawEcdsaToDer(raw, fieldBytes) : raw;
    },
    close: () => session.close(),
  });
}
