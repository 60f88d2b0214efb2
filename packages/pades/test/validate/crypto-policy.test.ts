/** The dated crypto-constraints table: MD5 never, SHA-1 until 2014, short RSA keys until 2017. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRYPTO_POLICY } from '../../src/index.js';

const use = (digest: string, family: 'rsa' | 'ecdsa' | 'ed25519', keyBits: number) => ({ digest, signatureHash: digest, family, keyBits });

describe('DEFAULT_CRYPTO_POLICY', () => {
  it('rejects MD5 at any date', () => {
    expect(DEFAULT_CRYPTO_POLICY.check(use('md5', 'rsa', 2048), new Date('2001-01-01'))).toHaveLength(1);
  });
  it('accepts SHA-1 before 2014 and rejects it after', () => {
    expect(DEFAULT_CRYPTO_POLICY.check(use('sha1', 'rsa', 2048), new Date('2012-06-01'))).toEqual([]);
    expect(DEFAULT_CRYPTO_POLICY.check(use('sha1', 'rsa', 2048), new Date('2020-11-01'))[0]).toMatch(/SHA-1/);
  });
  it('accepts RSA-1024 before 2017, rejects it after, and rejects RSA-512 always', () => {
    expect(DEFAULT_CRYPTO_POLICY.check(use('sha256', 'rsa', 1024), new Date('2015-01-01'))).toEqual([]);
    expect(DEFAULT_CRYPTO_POLICY.check(use('sha256', 'rsa', 1024), new Date('2020-01-01'))[0]).toMatch(/1024-bit/);
    expect(DEFAULT_CRYPTO_POLICY.check(use('sha256', 'rsa', 512), new Date('2000-01-01'))[0]).toMatch(/never/);
  });
  it('accepts current algorithms', () => {
    expect(DEFAULT_CRYPTO_POLICY.check(use('sha256', 'ecdsa', 256), new Date('2030-01-01'))).toEqual([]);
    expect(DEFAULT_CRYPTO_POLICY.check(use('sha512', 'ed25519', 256), new Date('2030-01-01'))).toEqual([]);
  });
});
