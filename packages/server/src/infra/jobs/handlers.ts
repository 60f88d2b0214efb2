/** The job handler registry: each area registers its handlers by name at start-up. */
import type { AppContext } from '../../context.js';

export interface JobRun<P = unknown> {
  readonly id: string;
  readonly name: string;
  readonly payload: P;
  /** 1 on the first run. */
  readonly attempt: number;
}

/**
 * A handler must be idempotent: delivery is at-least-once. Throwing schedules a retry
 * with back-off until `max_attempts`, then the job is `dead` with the last error.
 */
export type JobHandler<P = unknown> = (job: JobRun<P>, ctx: AppContext) => Promise<void>;

export class JobHandlers {
  readonly #handlers = new Map<string, JobHandler>();

  register<P>(name: string, handler: JobHandler<P>): void {
    if (this.#handlers.has(name)) throw new Error(`job handler "${name}" registered twice`);
    this.#handlers.set(name, handler as JobHandler);
  }

  get(name: string): JobHandler | undefined {
    return this.#handlers.get(name);
  }

  names(): string[] {
    return [...this.#handlers.keys()];
  }
}
