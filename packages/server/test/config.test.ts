import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { aesGcmKeyWrap } from '../src/infra/keys/master-key.js';

describe('loadConfig', () => {
  it('embedded defaults: port 3000, SQLite and blobs under ./data', () => {
    const c = loadConfig({}, '/srv/paraphe');
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      dataDir: '/srv/paraphe/data',
      database: { kind: 'sqlite', file: '/srv/paraphe/data/paraphe.db' },
      blobsDir: '/srv/paraphe/data/blobs',
      masterKeyFile: '/srv/paraphe/data/master.key',
      limits: { bodyBytes: 1048576, uploadBytes: 52428800 },
      worker: true,
      trustProxy: false,
      logLevel: 'info',
    });
    expect(c.smtp).toBeUndefined();
    expect(c.oidc).toBeUndefined();
    expect(c.masterKey).toBeUndefined();
  });

  it('reads PostgreSQL, SMTP, OIDC, SMS, public URL and the master key from the environment', () => {
    const c = loadConfig(
      {
        DATABASE_URL: 'postgres://paraphe@db:5432/paraphe',
        PARAPHE_PUBLIC_URL: 'https://signature.ville.example/',
        PORT: '8080',
        SMTP_HOST: 'smtp.ville.example',
        SMTP_SECURE: 'true',
        SMTP_USER: 'paraphe',
        SMTP_PASSWORD: 'secret',
        OIDC_ISSUER: 'https://sso.ville.example',
        OIDC_CLIENT_ID: 'paraphe',
        SMS_URL: 'https://sms.example/send',
        PARAPHE_MASTER_KEY: 'ab'.repeat(32),
      },
      '/srv',
    );
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://paraphe@db:5432/paraphe' });
    expect(c.publicUrl).toBe('https://signature.ville.example');
    expect(c.smtp).toEqual({ host: 'smtp.ville.example', port: 465, secure: true, user: 'paraphe', password: 'secret', from: 'Paraphe <no-reply@localhost>' });
    expect(c.oidc).toEqual({ issuer: 'https://sso.ville.example', clientId: 'paraphe', scopes: ['openid', 'email', 'profile'] });
    expect(c.sms?.url).toBe('https://sms.example/send');
    expect(c.masterKey).toEqual(Buffer.alloc(32, 0xab));
  });

  it('trusts reverse proxies only when told', () => {
    expect(loadConfig({ PARAPHE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ PARAPHE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ PARAPHE_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ PARAPHE_MASTER_KEY: 'short' }, /PARAPHE_MASTER_KEY must be 32 bytes/],
    [{ OIDC_ISSUER: 'https://sso' }, /OIDC_CLIENT_ID is missing/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PARAPHE_TRUST_PROXY: 'everyone; drop table' }, /PARAPHE_TRUST_PROXY must be/],
    [{ PARAPHE_PUBLIC_URL: 'ftp://x' }, /PARAPHE_PUBLIC_URL must be an http/],
  ])('refuses %o with CONFIG_INVALID', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as { code: string }).code).toBe('CONFIG_INVALID');
    }
  });
});

describe('master-key wrapping', () => {
  const wrap = aesGcmKeyWrap(Buffer.alloc(32, 1));
  it('round-trips, and is bound to its label and key', () => {
    const wrapped = wrap.wrap(Buffer.from('private key bytes'), 'seal:1');
    expect(wrap.unwrap(wrapped, 'seal:1').toString()).toBe('private key bytes');
    expect(() => wrap.unwrap(wrapped, 'seal:2')).toThrow(expect.objectContaining({ code: 'KEY_UNWRAP_FAILED' }));
    expect(() => aesGcmKeyWrap(Buffer.alloc(32, 2)).unwrap(wrapped, 'seal:1')).toThrow(expect.objectContaining({ code: 'KEY_UNWRAP_FAILED' }));
    const [f, iv, tag, body] = wrapped.split('.');
    const flipped = Buffer.from(body!, 'base64');
    flipped[0]! ^= 1;
    expect(() => wrap.unwrap([f, iv, tag, flipped.toString('base64')].join('.'), 'seal:1')).toThrow(expect.objectContaining({ code: 'KEY_UNWRAP_FAILED' }));
  });
  it('never repeats an IV', () => {
    const a = wrap.wrap(Buffer.from('x'), 'l');
    const b = wrap.wrap(Buffer.from('x'), 'l');
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });
});
