import { afterEach, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../src/server.js';
import { manualClock } from '../src/infra/clock.js';
import { enqueueJob } from '../src/infra/jobs/enqueue-job.js';
import { claimJob } from '../src/infra/jobs/claim-job.js';
import { forEachDialect } from './support/dialects.js';

/** Keeps the periodic audit-anchoring job out of the way of these tests' clock moves. */
const CENTURY = 100 * 365 * 86_400_000;

forEachDialect('jobs', (fx) => {
  const servers: ParapheServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
  const start = async (config?: Awaited<ReturnType<typeof fx.config>>, clock = manualClock('2026-03-01T08:00:00.000Z')) => {
    const server = await createServer(config ?? (await fx.config({ freshSchema: true })), { clock, anchorIntervalMs: CENTURY, worker: { backoffMs: (n) => 1000 * 2 ** (n - 1), pollMs: 20 } });
    servers.push(server);
    await server.worker.runDue(); // the platform's own jobs due at start (audit anchoring)
    return { server, clock };
  };
  const job = async (server: ParapheServer, id: string) =>
    server.ctx.db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('runs a due job once with its payload and marks it done', async () => {
    const { server } = await start();
    const seen: unknown[] = [];
    server.ctx.jobs.register<{ to: string }>('greet', async (run) => {
      seen.push([run.payload, run.attempt]);
    });
    const { id } = await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'greet', payload: { to: 'mairie' } });
    expect(await server.worker.runDue()).toEqual(['done']);
    expect(seen).toEqual([[{ to: 'mairie' }, 1]]);
    expect(await job(server, id)).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
    expect(await server.worker.runDue()).toEqual([]);
  });

  it('waits for run_at', async () => {
    const { server, clock } = await start();
    let runs = 0;
    server.ctx.jobs.register('later', async () => void runs++);
    await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'later', runAt: new Date('2026-03-01T09:00:00.000Z') });
    expect(await server.worker.runDue()).toEqual([]);
    clock.set('2026-03-01T09:00:00.000Z');
    expect(await server.worker.runDue()).toEqual(['done']);
    expect(runs).toBe(1);
  });

  it('retries with exponential back-off, then dead with the last error', async () => {
    const { server, clock } = await start();
    let runs = 0;
    server.ctx.jobs.register('flaky', async (run) => {
      runs++;
      throw Object.assign(new Error(`attempt ${run.attempt} failed`), { code: 'SMTP_DOWN' });
    });
    const { id } = await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'flaky', maxAttempts: 3 });
    expect(await server.worker.runDue()).toEqual(['retry']);
    expect(await job(server, id)).toMatchObject({ status: 'pending', attempts: 1, run_at: '2026-03-01T08:00:01.000Z', last_error: 'SMTP_DOWN: attempt 1 failed' });
    clock.advance(999);
    expect(await server.worker.runDue()).toEqual([]);
    clock.advance(1);
    expect(await server.worker.runDue()).toEqual(['retry']);
    expect((await job(server, id)).run_at).toBe('2026-03-01T08:00:03.000Z'); // 2 s after the second failure
    clock.advance(2000);
    expect(await server.worker.runDue()).toEqual(['dead']);
    expect(await job(server, id)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'SMTP_DOWN: attempt 3 failed' });
    clock.advance(3_600_000);
    expect(await server.worker.runDue()).toEqual([]);
    expect(runs).toBe(3);
  });

  it('an idempotency key makes the second enqueue a no-op', async () => {
    const { server } = await start();
    let runs = 0;
    server.ctx.jobs.register('once', async () => void runs++);
    const first = await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'once', idempotencyKey: 'mail:42' });
    const second = await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'once', idempotencyKey: 'mail:42' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    await server.worker.runDue();
    const third = await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'once', idempotencyKey: 'mail:42' });
    expect(third).toEqual({ id: first.id, created: false });
    expect(await server.worker.runDue()).toEqual([]);
    expect(runs).toBe(1);
  });

  it('a job enqueued in a rolled-back transaction never exists', async () => {
    const { server } = await start();
    server.ctx.jobs.register('ghost', async () => {});
    await expect(
      server.ctx.db.kysely.transaction().execute(async (trx) => {
        await enqueueJob(trx, server.ctx, { name: 'ghost' });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect(await server.worker.runDue()).toEqual([]);
  });

  it('a job whose worker died is claimed again after the lease expires', async () => {
    const { server, clock } = await start();
    let runs = 0;
    server.ctx.jobs.register('crashy', async () => void runs++);
    const { id } = await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'crashy' });
    const claimed = await claimJob(server.ctx.db, { now: clock(), workerId: 'dead-worker', names: ['crashy'], leaseMs: 60_000 });
    expect(claimed?.id).toBe(id);
    expect(await claimJob(server.ctx.db, { now: clock(), workerId: 'other', names: ['crashy'], leaseMs: 60_000 })).toBeUndefined();
    expect(await server.worker.runDue()).toEqual([]); // default lease: 15 min
    clock.advance(16 * 60_000);
    expect(await server.worker.runDue()).toEqual(['done']);
    expect(await job(server, id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(runs).toBe(1);
  });

  it('concurrent claims never hand the same job to two workers', async () => {
    const { server, clock } = await start();
    for (let i = 0; i < 20; i++) await enqueueJob(server.ctx.db.kysely, server.ctx, { name: 'parallel', payload: i });
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => claimJob(server.ctx.db, { now: clock(), workerId: `w${i}`, names: ['parallel'], leaseMs: 60_000 })),
    );
    const ids = claims.filter((c) => c !== undefined).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(20);
  });

  it('survives a restart: enqueued before close, run by the next server', async () => {
    const config = await fx.config({ freshSchema: true, env: { PARAPHE_WORKER: 'on' } });
    const clock = manualClock('2026-03-01T08:00:00.000Z');
    const first = await createServer({ ...config, worker: false }, { clock });
    const { id } = await enqueueJob(first.ctx.db.kysely, first.ctx, { name: 'persisted', payload: { n: 7 } });
    await first.close();

    const ran: unknown[] = [];
    let resolveRan: () => void = () => {};
    const done = new Promise<void>((resolve) => (resolveRan = resolve));
    const second = await createServer(config, {
      clock,
      worker: { pollMs: 20 },
      routes: [
        async (_app, ctx) => {
          ctx.jobs.register('persisted', async (run) => {
            ran.push(run.payload);
            resolveRan();
          });
        },
      ],
    });
    servers.push(second);
    await done;
    await second.worker.stop();
    expect(ran).toEqual([{ n: 7 }]);
    expect(await job(second, id)).toMatchObject({ status: 'done' });
  });

  // Scale-out is a PostgreSQL deployment (SQLite serves one process), so only there.
  if (fx.dialect === 'postgres') {
    it('two servers on one database run every job exactly once between them', async () => {
      const config = await fx.config({ freshSchema: true, env: { PARAPHE_WORKER: 'on' } });
      const runs: string[] = [];
      const byServer = [0, 0];
      const handlerFor = (index: number) => async (_app: unknown, ctx: ParapheServer['ctx']) => {
        ctx.jobs.register('shared', async (run) => {
          runs.push(run.id);
          byServer[index]!++;
          await new Promise((resolve) => setTimeout(resolve, 5));
        });
      };
      const a = await createServer(config, { anchorIntervalMs: CENTURY, worker: { pollMs: 10, concurrency: 3 }, routes: [handlerFor(0)] });
      servers.push(a);
      const b = await createServer(config, { anchorIntervalMs: CENTURY, worker: { pollMs: 10, concurrency: 3 }, routes: [handlerFor(1)] });
      servers.push(b);
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await enqueueJob(a.ctx.db.kysely, a.ctx, { name: 'shared', payload: i })).id);
      for (let i = 0; i < 500 && runs.length < ids.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      await a.worker.stop();
      await b.worker.stop();
      expect([...runs].sort()).toEqual([...ids].sort());
      expect(byServer[0]! + byServer[1]!).toBe(40);
      const pending = await a.ctx.db.kysely.selectFrom('jobs').select('id').where('name', '=', 'shared').where('status', '!=', 'done').execute();
      expect(pending).toEqual([]);
    });
  }
});
