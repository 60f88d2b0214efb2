import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTimestampToken, toPem } from '@paraphe/pki';
import { run } from '@paraphe/cli';
import { createServer, type ParapheServer } from '../src/server.js';
import { manualClock } from '../src/infra/clock.js';
import { anchorAuditChains, AUDIT_ANCHOR_JOB } from '../src/domain/audit/anchor-audit-chains.js';
import { anchorStatement, auditEventHash } from '../src/domain/audit/audit-hash.js';
import { recordEvent } from '../src/domain/audit/record-event.js';
import { forEachDialect } from './support/dialects.js';
import type { Config } from '../src/config/config.js';

forEachDialect('audit verification (anchors, API, CLI)', (fx) => {
  let server: ParapheServer;
  let config: Config;
  let cookie = '';
  let orgId = '';
  const clock = manualClock('2026-06-01T09:30:00.000Z');

  beforeAll(async () => {
    config = await fx.config({ freshSchema: true });
    server = await createServer(config, { clock, announce: () => {} });
    const token = server.setupLink!.split('token=')[1]!;
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, organisationName: 'Ville de Test', adminName: 'Ada Admin', adminEmail: 'ada@ville.example', password: 'correct horse battery staple 42' },
    });
    expect(res.statusCode, res.body).toBe(201);
    orgId = (res.json() as { organisation: { id: string } }).organisation.id;
    cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    for (let i = 0; i < 3; i++) {
      await server.ctx.db.kysely.transaction().execute((trx) => recordEvent(trx, server.ctx, { orgId, action: `test.event${i}`, actor: { type: 'system' } }));
    }
  });
  afterAll(async () => server.close());

  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    const env: Record<string, string> = fx.dialect === 'postgres' ? { DATABASE_SCHEMA: (config.database as { schema: string }).schema } : {};
    const dbArgs = fx.dialect === 'postgres' ? ['--database-url', (config.database as { url: string }).url] : ['--data', config.dataDir];
    const status = await run(['audit', 'verify', ...dbArgs, ...args], {
      env,
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      clock,
      fetch: globalThis.fetch,
      untilStopped: async () => {},
    });
    return { status, out, err };
  };
  const apiVerify = async () => server.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie } });

  it('anonymous callers are refused with 401 UNAUTHENTICATED', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('anchors each grown chain head with a verifiable RFC 3161 token, once', async () => {
    clock.advance(60_000);
    const anchored = await anchorAuditChains(server.ctx);
    expect(anchored.map((a) => a.orgId).sort()).toEqual([orgId, 'platform'].sort());
    const anchor = await server.ctx.db.kysely.selectFrom('audit_anchors').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
    const head = await server.ctx.db.kysely.selectFrom('audit_heads').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
    expect(anchor).toMatchObject({ seq: head.seq, head_hash: head.hash, tsa_time: '2026-06-01T09:31:00.000Z' });
    const token = parseTimestampToken(new Uint8Array(Buffer.from(anchor.token, 'base64')));
    expect(Buffer.from(token.imprint).toString('hex')).toBe(createHash('sha256').update(anchorStatement(orgId, head.seq, head.hash)).digest('hex'));
    expect(await anchorAuditChains(server.ctx)).toEqual([]);
  });

  it('the anchoring job is queued for the current hour and queues the next one', async () => {
    const jobs = await server.ctx.db.kysely.selectFrom('jobs').select(['idempotency_key', 'status']).where('name', '=', AUDIT_ANCHOR_JOB).execute();
    expect(jobs).toEqual([{ idempotency_key: 'audit.anchor@2026-06-01T09:00:00.000Z', status: 'pending' }]);
    expect(await server.worker.runDue()).toEqual(['done']);
    const after = await server.ctx.db.kysely.selectFrom('jobs').select(['idempotency_key', 'status']).where('name', '=', AUDIT_ANCHOR_JOB).orderBy('run_at').execute();
    expect(after).toEqual([
      { idempotency_key: 'audit.anchor@2026-06-01T09:00:00.000Z', status: 'done' },
      { idempotency_key: 'audit.anchor@2026-06-01T10:00:00.000Z', status: 'pending' },
    ]);
  });

  it('an intact chain verifies through the API and the CLI', async () => {
    const res = await apiVerify();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { valid: boolean; chains: { orgId: string; valid: boolean; anchors: number }[] };
    expect(body).toMatchObject({ valid: true, chains: [{ orgId, valid: true, anchors: 1 }] });
    const { status, out } = await cli();
    expect(out).toMatch(new RegExp(`OK +chain ${orgId}: \\d+ events, anchored up to seq \\d+`));
    expect(status).toBe(0);
  });

  it('anchors are checked against a TSA certificate kept outside the database (--tsa-cert)', async () => {
    const dir = fx.dataDir();
    const good = join(dir, 'tsa.pem');
    const wrong = join(dir, 'other.pem');
    writeFileSync(good, toPem(server.ctx.pki.tsa.certificate));
    writeFileSync(wrong, toPem(server.ctx.pki.ocsp.certificate));
    expect((await cli('--org', orgId, '--tsa-cert', good)).status).toBe(0);
    const { status, out } = await cli('--org', orgId, '--tsa-cert', wrong);
    expect(status).toBe(1);
    expect(out).toMatch(/ANCHOR_INVALID seq \d+: .*TSA_BAD_CERT/);
  });

  it('a rewritten anchored event is caught by its anchor even when the chain is re-hashed to the head', async () => {
    const db = server.ctx.db.kysely;
    const events = await db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
    // Rewrite the last anchored event and re-chain everything after it, head record included.
    const target = events.at(-1)!;
    const forged = { ...target, action: 'test.forged' };
    const hash = auditEventHash(forged);
    await db.updateTable('audit_events').set({ action: 'test.forged', hash }).where('id', '=', target.id).execute();
    await db.updateTable('audit_heads').set({ hash }).where('org_id', '=', orgId).execute();

    const res = await apiVerify();
    const chain = (res.json() as { chains: { valid: boolean; findings: { kind: string; seq: number }[] }[] }).chains[0]!;
    expect(chain.valid).toBe(false);
    expect(chain.findings).toEqual([expect.objectContaining({ kind: 'ANCHOR_MISMATCH', seq: target.seq })]);

    const { status, out } = await cli('--org', orgId);
    expect(status).toBe(1);
    expect(out).toContain(`TAMPERED chain ${orgId}`);
    expect(out).toContain(`ANCHOR_MISMATCH seq ${target.seq}`);
    const json = JSON.parse((await cli('--org', orgId, '--json')).out) as { valid: boolean };
    expect(json.valid).toBe(false);
  });

  it('a forged anchor token is reported invalid', async () => {
    const db = server.ctx.db.kysely;
    const anchor = await db.selectFrom('audit_anchors').selectAll().where('org_id', '=', 'platform').executeTakeFirstOrThrow();
    await db.updateTable('audit_anchors').set({ head_hash: 'f'.repeat(64) }).where('id', '=', anchor.id).execute();
    const { status, out } = await cli('--org', 'platform');
    expect(status).toBe(1);
    expect(out).toMatch(/ANCHOR_INVALID seq \d+: .*TSA_IMPRINT_MISMATCH/);
  });

  it('the CLI reports an unusable database with a coded error', async () => {
    let err = '';
    const status = await run(['audit', 'verify', '--data', fx.dataDir()], {
      env: {},
      stdout: () => {},
      stderr: (t) => void (err += t),
      clock,
      fetch: globalThis.fetch,
      untilStopped: async () => {},
    });
    expect(status).not.toBe(0);
    expect(err).toMatch(/^paraphe: error DATABASE_MISSING: no database at /);
  });
});
