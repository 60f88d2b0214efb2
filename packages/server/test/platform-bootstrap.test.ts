import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, X509Certificate } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { parseCertificate, verifyTimestampToken } from '@paraphe/pki';
import { createServer, type ParapheServer } from '../src/server.js';
import { forEachDialect } from './support/dialects.js';

forEachDialect('first start', (fx) => {
  const servers: ParapheServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  const start = async (config: Awaited<ReturnType<typeof fx.config>>) => {
    const lines: string[] = [];
    const server = await createServer(config, { announce: (l) => lines.push(l) });
    servers.push(server);
    return { server, lines };
  };

  it('generates the master key file with mode 0600 and reuses it', async () => {
    const dataDir = fx.dataDir();
    const config = await fx.config({ dataDir, freshSchema: true, env: { PARAPHE_MASTER_KEY: '' } });
    const { server } = await start(config);
    const file = join(dataDir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8');
    expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32);
    await server.close();
    await start(config);
    expect(readFileSync(file, 'utf8')).toBe(key);
  });

  it('creates the built-in PKI once: root → issuing CA → TSA and OCSP, with AIA URLs under the public URL', async () => {
    const config = await fx.config({ freshSchema: true, env: { PARAPHE_PUBLIC_URL: 'https://sign.ville.example/' } });
    const { server } = await start(config);
    const { pki } = server.ctx;
    const root = new X509Certificate(pki.root.certificate);
    const ca = new X509Certificate(pki.ca.certificate);
    const tsa = new X509Certificate(pki.tsa.certificate);
    const ocsp = new X509Certificate(pki.ocsp.certificate);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(ca.verify(root.publicKey)).toBe(true);
    expect(tsa.verify(ca.publicKey)).toBe(true);
    expect(ocsp.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    const tsaInfo = parseCertificate(pki.tsa.certificate);
    expect(tsaInfo.extKeyUsageCritical).toBe(true);
    expect(tsa.infoAccess).toContain('https://sign.ville.example/pki/ocsp');
    expect(tsa.infoAccess).toContain('https://sign.ville.example/pki/ca.cer');
    const rows = await server.ctx.db.kysely.selectFrom('pki_material').selectAll().orderBy('role').execute();
    expect(rows.map((r) => r.role)).toEqual(['ca', 'ocsp', 'root', 'tsa']);
    for (const row of rows) {
      expect(row.wrapped_key).toMatch(/^aes256gcm-v1\./);
      expect(row.wrapped_key).not.toContain('PRIVATE KEY');
    }
    await server.close();
    const again = await start(config);
    expect(Buffer.from(again.server.ctx.pki.root.certificate)).toEqual(Buffer.from(pki.root.certificate));
    // The reloaded TSA key still signs tokens the reloaded certificate verifies.
    const imprint = new Uint8Array(createHash('sha256').update('x').digest());
    const token = await again.server.ctx.timestamper(imprint, 'SHA-256');
    expect(verifyTimestampToken(token, { imprint, hash: 'SHA-256' }).tsaCert).toEqual(again.server.ctx.pki.tsa.certificate);
  });

  it('refuses to start with another master key than the one that wrapped the PKI', async () => {
    const config = await fx.config({ freshSchema: true });
    await (await start(config)).server.close();
    const other = { ...config, masterKey: Buffer.alloc(32, 7) };
    await expect(createServer(other, { announce: () => {} })).rejects.toMatchObject({ code: 'KEY_UNWRAP_FAILED' });
  });

  it('prints a one-time first-administrator link, stores only its hash, and replaces it at the next start', async () => {
    const config = await fx.config({ freshSchema: true, env: { PARAPHE_PUBLIC_URL: 'http://localhost:3999' } });
    const first = await start(config);
    const link = first.lines.find((l) => l.includes('/setup?token='));
    expect(link).toMatch(/^Create the first administrator: http:\/\/localhost:3999\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = link!.split('token=')[1]!;
    expect(first.server.setupLink).toBe(link!.split(': ')[1]);
    const rows = await first.server.ctx.db.kysely.selectFrom('setup_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    await first.server.close();

    const second = await start(config);
    const token2 = second.server.setupLink!.split('token=')[1]!;
    expect(token2).not.toBe(token);
    const after = await second.server.ctx.db.kysely.selectFrom('setup_tokens').select('token_hash').execute();
    expect(after.map((r) => r.token_hash)).toEqual([createHash('sha256').update(token2).digest('hex')]);
    const events = await second.server.ctx.db.kysely.selectFrom('audit_events').select('action').where('org_id', '=', 'platform').execute();
    expect(events.map((e) => e.action)).toEqual(['platform.setup_link_issued', 'platform.setup_link_issued']);
  });

  it('prints no link once an organisation exists', async () => {
    const config = await fx.config({ freshSchema: true });
    const first = await start(config);
    await first.server.ctx.db.kysely.insertInto('organisations').values({ id: 'o1', name: 'Ville', slug: 'ville', created_at: '2026-01-01T00:00:00.000Z' }).execute();
    await first.server.close();
    const second = await start(config);
    expect(second.server.setupLink).toBeNull();
    expect(second.lines.filter((l) => l.includes('setup?token'))).toEqual([]);
  });

  it('keeps the SQLite database and blobs under the data dir by default, created private (0700)', async () => {
    const dataDir = join(fx.dataDir(), 'fresh');
    const { server } = await start(await fx.config({ dataDir }));
    const stored = await server.ctx.blobs.put(Buffer.from('%PDF-1.7 test'));
    expect(existsSync(join(dataDir, 'blobs', stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256))).toBe(true);
    if (fx.dialect === 'sqlite') expect(existsSync(join(dataDir, 'paraphe.db'))).toBe(true);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });
});
