/** The services every route plugin, use case and job handler receives: the composition root's output. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.js';
import type { Clock } from './infra/clock.js';
import type { Db } from './infra/db/database.js';
import type { IdSource } from './infra/ids.js';
import type { JobHandlers } from './infra/jobs/handlers.js';

export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Register job handlers here (by name) before the worker starts. */
  readonly jobs: JobHandlers;
  /** Structured log (pino); silent when LOG_LEVEL=silent. */
  readonly log: FastifyBaseLogger;
  /** Messages meant for the operator's console (the first-admin link); defaults to stdout. */
  readonly announce: (line: string) => void;
}
