/**
 * The job worker: polls the jobs table, runs each due job with its registered handler,
 * retries failures with exponential back-off, and marks a job `dead` with its last error
 * after `max_attempts`. `stop()` lets running jobs finish.
 */
import type { AppContext } from '../../context.js';
import { claimJob } from './claim-job.js';
import type { JobsTable } from '../db/schema.js';

export interface WorkerOptions {
  /** Pause between polls when the queue is empty. */
  readonly pollMs?: number;
  /** Jobs run in parallel by this process. */
  readonly concurrency?: number;
  readonly leaseMs?: number;
  /** Delay before retry number `attempt` (1-based: after the first failure attempt = 1). */
  readonly backoffMs?: (attempt: number) => number;
}

export function exponentialBackoff(attempt: number, baseMs = 10_000, maxMs = 3_600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export type JobOutcome = 'done' | 'retry' | 'dead';

export class JobWorker {
  readonly #ctx: AppContext;
  readonly #pollMs: number;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #backoffMs: (attempt: number) => number;
  readonly #workerId: string;
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #lanes: Promise<void>[] = [];

  constructor(ctx: AppContext, options: WorkerOptions = {}) {
    this.#ctx = ctx;
    this.#pollMs = options.pollMs ?? 1000;
    this.#concurrency = options.concurrency ?? 2;
    this.#leaseMs = options.leaseMs ?? 15 * 60_000;
    this.#backoffMs = options.backoffMs ?? ((attempt) => exponentialBackoff(attempt));
    this.#workerId = `worker-${ctx.ids.id()}`;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops polling and waits for the jobs in progress. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await Promise.all(this.#lanes);
  }

  /** Runs every job due now, one after the other; resolves to the outcomes (tests drive time this way). */
  async runDue(): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    for (;;) {
      const job = await this.#claim();
      if (!job) return outcomes;
      outcomes.push(await this.#run(job));
    }
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#lanes = Array.from({ length: this.#concurrency }, () => this.#lane());
      // Lanes never reject (they log), so polling goes on after any failure.
      void Promise.allSettled(this.#lanes).then(() => this.#schedule(this.#pollMs));
    }, delayMs);
    this.#timer.unref();
  }

  async #lane(): Promise<void> {
    while (this.#running) {
      let job: JobsTable | undefined;
      try {
        job = await this.#claim();
      } catch (error) {
        this.#log('job claim failed', error);
        return;
      }
      if (!job) return;
      try {
        await this.#run(job);
      } catch (error) {
        // Recording the outcome failed (database gone?): the lease expiry hands the job out again.
        this.#log(`job ${job.name} ${job.id}: cannot record its outcome`, error);
        return;
      }
    }
  }

  #claim(): Promise<JobsTable | undefined> {
    return claimJob(this.#ctx.db, { now: this.#ctx.clock(), workerId: this.#workerId, names: this.#ctx.jobs.names(), leaseMs: this.#leaseMs });
  }

  async #run(job: JobsTable): Promise<JobOutcome> {
    const handler = this.#ctx.jobs.get(job.name);
    let failure: string | undefined;
    if (job.attempts > job.max_attempts) {
      failure = 'abandoned by its worker too many times (lease expired)';
    } else if (!handler) {
      failure = `no handler registered for "${job.name}"`;
    } else {
      try {
        await handler({ id: job.id, name: job.name, payload: JSON.parse(job.payload) as unknown, attempt: job.attempts }, this.#ctx);
      } catch (error) {
        failure = describe(error);
      }
    }
    const now = this.#ctx.clock();
    const mine = this.#ctx.db.kysely.updateTable('jobs').where('id', '=', job.id).where('locked_by', '=', this.#workerId);
    if (failure === undefined) {
      await mine.set({ status: 'done', locked_at: null, locked_by: null, updated_at: now.toISOString() }).execute();
      return 'done';
    }
    if (job.attempts >= job.max_attempts) {
      await mine.set({ status: 'dead', last_error: failure, locked_at: null, locked_by: null, updated_at: now.toISOString() }).execute();
      this.#log(`job ${job.name} ${job.id} is dead after ${job.attempts} attempts: ${failure}`);
      return 'dead';
    }
    const runAt = new Date(now.getTime() + this.#backoffMs(job.attempts));
    await mine
      .set({ status: 'pending', last_error: failure, run_at: runAt.toISOString(), locked_at: null, locked_by: null, updated_at: now.toISOString() })
      .execute();
    return 'retry';
  }

  #log(message: string, error?: unknown): void {
    this.#ctx.log.warn(`jobs: ${message}${error ? `: ${describe(error)}` : ''}`);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}`.slice(0, 2000);
  }
  return String(error).slice(0, 2000);
}
