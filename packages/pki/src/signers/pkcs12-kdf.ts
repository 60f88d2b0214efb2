/** The PKCS#12 key derivation function (RFC 7292 Appendix B.2) and its BMPString password form. */
import { createHash } from 'node:crypto';

/** Password as PKCS#12 wants it: UTF-16BE with a two-byte terminator; null → empty (no terminator). */
export function bmpPassword(password: string | null): Uint8Array {
  if (password === null) return new Uint8Array(0);
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

const BLOCK: Record<string, number> = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };

function repeatTo(src: Uint8Array, v: number): Uint8Array {
  if (src.length === 0) return new Uint8Array(0);
  const len = v * Math.ceil(src.length / v);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = src[i % src.length] as number;
  return out;
}

/**
 * Derives `n` bytes. id: 1 = encryption key, 2 = IV, 3 = MAC key.
 * `hashName` is a node:crypto digest name (sha1, sha256, …).
 */
export function pkcs12Kdf(hashName: string, password: Uint8Array, salt: Uint8Array, id: 1 | 2 | 3, iterations: number, n: number): Uint8Array {
  const v = BLOCK[hashName] ?? 64;
  const D = new Uint8Array(v).fill(id);
  const I = new Uint8Array([...repeatTo(salt, v), ...repeatTo(password, v)]);
  const out = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    let A = new Uint8Array(createHash(hashName).update(D).update(I).digest());
    for (let r = 1; r < iterations; r++) A = new Uint8Array(createHash(hashName).update(A).digest());
    out.set(A.subarray(0, Math.min(A.length, n - filled)), filled);
    filled += A.length;
    if (filled >= n) break;
    const B = repeatTo(A, v).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      // I_j = (I_j + B + 1) mod 2^(8v), big-endian
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (I[j + k] as number) + (B[k] as number) + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}
