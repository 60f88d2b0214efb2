/**
 * Where a departmental seal's private key lives: wrapped by the server master key
 * (AES-256-GCM, label `seal:<id>`) or generated on a PKCS#11 token, non-extractable. Either
 * way the seal is used through a Signer; the key itself never leaves this module.
 */
import { createPrivateKey } from 'node:crypto';
import { generateKeyPair, generateTokenKeyPair, keySigner, pkcs11Signer, spkiOf, type Signer } from '@paraphe/pki';
import type { Pkcs11Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import type { KeyWrap } from './master-key.js';

export type SealCustodyKind = 'server' | 'pkcs11';

/** Where the generated key went, as stored on the seal row. */
export type SealKeyReference =
  | { readonly custody: 'server'; readonly wrappedKey: string }
  | { readonly custody: 'pkcs11'; readonly tokenLabel: string; readonly keyLabel: string; readonly keyIdHex: string };

export interface GeneratedSealKey {
  /** SubjectPublicKeyInfo DER, for the certificate. */
  readonly spki: Uint8Array;
  readonly reference: SealKeyReference;
}

export interface SealKeyDeps {
  readonly keyWrap: KeyWrap;
  readonly pkcs11?: Pkcs11Config;
}

/** A Signer for one use of a seal; close() releases the token session (no-op for server keys). */
export type SealSigner = Signer & { close(): void };

const label = (sealId: string) => `seal:${sealId}`;

export async function generateSealKey(deps: SealKeyDeps, custody: SealCustodyKind, sealId: string): Promise<GeneratedSealKey> {
  if (custody === 'server') {
    const key = await generateKeyPair('ec-p256');
    const pkcs8 = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    const wrappedKey = deps.keyWrap.wrap(pkcs8, label(sealId));
    pkcs8.fill(0);
    return { spki: spkiOf(key.publicKey), reference: { custody: 'server', wrappedKey } };
  }
  const token = requireToken(deps);
  const keyLabel = `paraphe-seal-${sealId}`;
  const generated = generateTokenKeyPair({ module: token.module, tokenLabel: token.tokenLabel, pin: token.pin, keyLabel, algorithm: 'ec-p256' });
  return {
    spki: generated.spki,
    reference: { custody: 'pkcs11', tokenLabel: token.tokenLabel, keyLabel, keyIdHex: Buffer.from(generated.keyId).toString('hex') },
  };
}

export function openSealSigner(deps: SealKeyDeps, sealId: string, reference: SealKeyReference, certificate: Uint8Array, chain: readonly Uint8Array[]): SealSigner {
  if (reference.custody === 'server') {
    const key = createPrivateKey({ key: deps.keyWrap.unwrap(reference.wrappedKey, label(sealId)), format: 'der', type: 'pkcs8' });
    return { ...keySigner(key, certificate, chain), close: () => undefined };
  }
  const token = requireToken(deps);
  if (token.tokenLabel !== reference.tokenLabel) {
    throw new AppError('UNAVAILABLE', `the seal key is on token "${reference.tokenLabel}", but the server is configured for "${token.tokenLabel}"`);
  }
  return pkcs11Signer({
    module: token.module,
    tokenLabel: token.tokenLabel,
    pin: token.pin,
    keyLabel: reference.keyLabel,
    keyId: new Uint8Array(Buffer.from(reference.keyIdHex, 'hex')),
    certificate,
    chain,
  });
}

function requireToken(deps: SealKeyDeps): Pkcs11Config {
  if (!deps.pkcs11) throw new AppError('UNAVAILABLE', 'no PKCS#11 token is configured (PARAPHE_PKCS11_MODULE, PARAPHE_PKCS11_TOKEN, PARAPHE_PKCS11_PIN)');
  return deps.pkcs11;
}
