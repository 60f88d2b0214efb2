import { describe, expect, it } from 'vitest';
import { argon2Hasher, decodePhc, DEFAULT_ARGON2_PARAMS, PasswordHashError } from '../../src/domain/identity/password-hasher.js';
import { hashSecret, newSecret, secretsEqual } from '../../src/domain/identity/secret-token.js';

describe('argon2id password hashing', () => {
  const hasher = argon2Hasher();

  it('uses argon2id with m=19 MiB, t=2, p=1 and a random 16-byte salt, in PHC form', async () => {
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(decodePhc(stored)?.params).toEqual(DEFAULT_ARGON2_PARAMS);
    expect(await hasher.hash('correct horse battery staple')).not.toBe(stored);
  });

  it('verifies the right password and rejects others, including Unicode look-alikes in another normal form', async () => {
    const stored = await hasher.hash('Montréal-2026!');
    expect(await hasher.verify('Montréal-2026!', stored)).toBe(true);
    expect(await hasher.verify('Montréal-2026!'.normalize('NFD'), stored)).toBe(true); // NFC before hashing
    expect(await hasher.verify('montréal-2026!', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('verifies hashes made with other parameters (they are read from the PHC string)', async () => {
    const light = argon2Hasher({ memoryKiB: 256, iterations: 1, parallelism: 1 });
    const stored = await light.hash('pw-one-two-three');
    expect(await hasher.verify('pw-one-two-three', stored)).toBe(true);
  });

  it('a corrupted stored hash is an error with a code, not a wrong password', async () => {
    await expect(hasher.verify('x', '$2b$10$notargon')).rejects.toBeInstanceOf(PasswordHashError);
    await expect(hasher.verify('x', '$2b$10$notargon')).rejects.toMatchObject({ code: 'PASSWORD_HASH_MALFORMED' });
  });
});

describe('opaque secrets', () => {
  it('are 256-bit base64url with an optional prefix, stored as SHA-256 hex, compared by value', () => {
    const secret = newSecret(() => Buffer.alloc(32, 7), 'pt_');
    expect(secret).toBe(`pt_${Buffer.alloc(32, 7).toString('base64url')}`);
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});
