import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createServer, type ParapheServer } from '../src/server.js';
import { manualClock } from '../src/infra/clock.js';
import type { Database } from '../src/infra/db/schema.js';
import { recordEvent } from '../src/domain/audit/record-event.js';
import { verifyAuditChain } from '../src/domain/audit/verify-audit-chain.js';
import { auditEventHash } from '../src/domain/audit/audit-hash.js';
import { canonicalJson } from '../src/domain/audit/canonical-json.js';
import { forEachDialect } from './support/dialects.js';

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and refuses non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'é'], c: undefined, d: { z: 0, y: -1.5 } })).toBe('{"a":[true,null,"é"],"b":1,"d":{"y":-1.5,"z":0}}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });
});

forEachDialect('audit chain', (fx) => {
  let server: ParapheServer;
  let db: Kysely<Database>;
  const clock = manualClock('2026-05-01T10:00:00.000Z');
  let org = '';

  beforeAll(async () => {
    server = await createServer(await fx.config(), { clock });
    db = server.ctx.db.kysely;
  });
  afterAll(async () => server.close());

  /** A fresh chain of `n` events per test (chains are per organisation). */
  beforeEach(async () => {
    org = server.ctx.ids.id();
    for (let i = 1; i <= 5; i++) {
      clock.advance(1000);
      await db.transaction().execute((trx) =>
        recordEvent(trx, server.ctx, {
          orgId: org,
          action: `test.step${i}`,
          actor: { type: 'user', id: 'u1' },
          ip: '192.0.2.1',
          userAgent: 'vitest',
          target: { type: 'document', id: `d${i}` },
          details: { step: i, note: 'ok' },
        }),
      );
    }
  });

  const verify = async () => {
    const result = await verifyAuditChain(db, { orgId: org });
    return result.chains[0]!;
  };
  const kinds = async () => (await verify()).findings.map((f) => `${f.kind}@${f.seq}`);
  const row = (seq: number) => db.selectFrom('audit_events').selectAll().where('org_id', '=', org).where('seq', '=', seq).executeTakeFirstOrThrow();

  it('an untouched chain verifies, with seqs 1..n linked from genesis', async () => {
    const report = await verify();
    expect(report).toMatchObject({ valid: true, events: 5, headSeq: 5, findings: [] });
    const first = await row(1);
    expect(first).toMatchObject({ prev_hash: '0'.repeat(64), actor_type: 'user', ip: '192.0.2.1', user_agent: 'vitest', details: '{"note":"ok","step":1}' });
    expect((await row(2)).prev_hash).toBe(first.hash);
  });

  it('an edited event is named', async () => {
    await db.updateTable('audit_events').set({ details: '{"note":"forged","step":3}' }).where('org_id', '=', org).where('seq', '=', 3).execute();
    expect(await kinds()).toEqual(['EDITED@3']);
    expect((await verify()).findings[0]!.message).toMatch(/seq 3 \(test\.step3\).*content was changed/);
  });

  it('an edited and re-hashed event is named by the break with its successor', async () => {
    const r = await row(2);
    const forged = { ...r, actor_id: 'intruder' };
    await db.updateTable('audit_events').set({ actor_id: 'intruder', hash: auditEventHash(forged) }).where('id', '=', r.id).execute();
    expect(await kinds()).toEqual(['EDITED@2']);
  });

  it('re-hashing the last event is caught by the chain head', async () => {
    const r = await row(5);
    await db.updateTable('audit_events').set({ action: 'test.other', hash: auditEventHash({ ...r, action: 'test.other' }) }).where('id', '=', r.id).execute();
    expect(await kinds()).toEqual(['EDITED@5']);
  });

  it('a deleted event is named', async () => {
    await db.deleteFrom('audit_events').where('org_id', '=', org).where('seq', '=', 3).execute();
    expect(await kinds()).toEqual(['DELETED@3']);
  });

  it('deleted last events are named', async () => {
    await db.deleteFrom('audit_events').where('org_id', '=', org).where('seq', '>=', 4).execute();
    const report = await verify();
    expect(report.findings.map((f) => `${f.kind}@${f.seq}`)).toEqual(['DELETED@4']);
    expect(report.findings[0]!.message).toMatch(/seq 4 to 5 were deleted/);
  });

  it('an event appended behind the chain head is named as inserted', async () => {
    const last = await row(5);
    const forged = { ...last, id: server.ctx.ids.id(), seq: 6, prev_hash: last.hash, action: 'test.forged' };
    await db.insertInto('audit_events').values({ ...forged, hash: auditEventHash(forged) }).execute();
    expect(await kinds()).toEqual(['INSERTED@6']);
  });

  it('an event inserted in the middle (later events renumbered) is named, and the moved ones too', async () => {
    for (const seq of [5, 4, 3]) await db.updateTable('audit_events').set({ seq: seq + 1 }).where('org_id', '=', org).where('seq', '=', seq).execute();
    const before = await row(2);
    const forged = { ...before, id: server.ctx.ids.id(), seq: 3, prev_hash: before.hash, action: 'test.forged' };
    await db.insertInto('audit_events').values({ ...forged, hash: auditEventHash(forged) }).execute();
    await db.updateTable('audit_heads').set({ seq: 6 }).where('org_id', '=', org).execute();
    expect(await kinds()).toEqual(['INSERTED@3', 'REORDERED@4', 'REORDERED@5', 'REORDERED@6']);
  });

  it('two swapped events are named as reordered', async () => {
    const swap = (from: number, to: number) => db.updateTable('audit_events').set({ seq: to }).where('org_id', '=', org).where('seq', '=', from).execute();
    await swap(2, 100);
    await swap(3, 2);
    await swap(100, 3);
    const report = await verify();
    expect(report.findings.map((f) => `${f.kind}@${f.seq}`)).toEqual(['REORDERED@2', 'REORDERED@3']);
    expect(report.findings[0]!.message).toBe('event stored at seq 2 was recorded as seq 3');
  });

  it('an event moved to another organisation’s chain is noticed in both', async () => {
    const other = server.ctx.ids.id();
    await db.transaction().execute((trx) => recordEvent(trx, server.ctx, { orgId: other, action: 'other.created', actor: { type: 'system' } }));
    await db.updateTable('audit_events').set({ org_id: other, seq: 2 }).where('org_id', '=', org).where('seq', '=', 4).execute();
    expect(await kinds()).toEqual(['DELETED@4']);
    const all = await verifyAuditChain(db);
    expect(all.valid).toBe(false);
    expect(all.chains.find((c) => c.orgId === other)!.findings.map((f) => f.kind)).toContain('EDITED');
  });

  it('an event recorded in a rolled-back transaction leaves no trace', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await recordEvent(trx, server.ctx, { orgId: org, action: 'test.rolled_back', actor: { type: 'system' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verify()).toMatchObject({ valid: true, events: 5, headSeq: 5 });
  });

  it('cannot be called outside a transaction', async () => {
    // @ts-expect-error a Kysely instance is not a Transaction
    await expect(recordEvent(db, server.ctx, { orgId: org, action: 'x', actor: { type: 'system' } })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('concurrent appends to one chain get consecutive seqs and stay linked', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.transaction().execute((trx) => recordEvent(trx, server.ctx, { orgId: org, action: `test.parallel${i}`, actor: { type: 'system' } })),
      ),
    );
    expect(await verify()).toMatchObject({ valid: true, events: 17, headSeq: 17 });
  });
});
