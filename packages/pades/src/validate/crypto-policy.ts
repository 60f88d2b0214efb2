/**
 * Cryptographic constraints with dates (after ETSI TS 119 312 and the EU DSS default policy):
 * which digest and key sizes are still acceptable at the time a signature must be trusted.
 *
 * | algorithm        | acceptable until (exclusive) |
 * |------------------|------------------------------|
 * | MD2, MD5         | never                        |
 * | SHA-1            | 2014-01-01 (signatures)      |
 * | RSA/DSA < 1024   | never                        |
 * | RSA/DSA < 1900   | 2017-01-01                   |
 * | ECDSA < 224 bits | 2017-01-01                   |
 * | SHA-224 and up, SHA-3, SHAKE, RSA ≥ 2048, P-256+, Ed25519, Ed448 | no limit |
 *
 * The time checked is the proof-of-existence of the signature: its timestamp's genTime
 * when one is valid, else the validation time.
 */
import type { SignatureFamily } from '@paraphe/pki';

export interface AlgorithmUse {
  readonly digest: string | null;
  readonly signatureHash: string | null;
  readonly family: SignatureFamily | null;
  readonly keyBits: number;
}

export interface CryptoPolicy {
  /** Returns every reason why `use` is not acceptable at `at` (empty when acceptable). */
  check(use: AlgorithmUse, at: Date): string[];
}

const SHA1_SUNSET = new Date('2014-01-01T00:00:00Z');
const SMALL_KEY_SUNSET = new Date('2017-01-01T00:00:00Z');

function hashReason(name: string | null, at: Date, what: string): string | null {
  if (!name) return null;
  if (name === 'md5' || name === 'md2') return `${what} ${name.toUpperCase()} is broken and never acceptable`;
  if (name === 'sha1' && at >= SHA1_SUNSET) return `${what} SHA-1 is not acceptable after ${SHA1_SUNSET.toISOString().slice(0, 10)} (proof of existence: ${at.toISOString()})`;
  return null;
}

export const DEFAULT_CRYPTO_POLICY: CryptoPolicy = {
  check(use, at) {
    const reasons: string[] = [];
    const d = hashReason(use.digest, at, 'digest algorithm');
    if (d) reasons.push(d);
    if (use.signatureHash !== use.digest) {
      const s = hashReason(use.signatureHash, at, 'signature hash algorithm');
      if (s) reasons.push(s);
    }
    if (use.family === 'rsa' || use.family === 'rsa-pss' || use.family === 'dsa') {
      if (use.keyBits > 0 && use.keyBits < 1024) reasons.push(`${use.keyBits}-bit ${use.family.toUpperCase()} keys are never acceptable`);
      else if (use.keyBits > 0 && use.keyBits < 1900 && at >= SMALL_KEY_SUNSET) reasons.push(`${use.keyBits}-bit ${use.family.toUpperCase()} keys are not acceptable after ${SMALL_KEY_SUNSET.toISOString().slice(0, 10)}`);
    }
    if (use.family === 'ecdsa' && use.keyBits > 0 && use.keyBits < 224 && at >= SMALL_KEY_SUNSET) reasons.push(`${use.keyBits}-bit EC keys are not acceptable after ${SMALL_KEY_SUNSET.toISOString().slice(0, 10)}`);
    return reasons;
  },
};
