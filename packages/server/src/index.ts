/** The Paraphe platform server: configuration, composition root and the ports other areas build on. */
export { loadConfig, type Config, type DatabaseConfig, type SmtpConfig, type OidcConfig, type SmsConfig } from './config/config.js';
export { createServer, type ServerDeps, type ParapheServer } from './server.js';
export type { AppContext } from './context.js';
export { AppError, ConfigError, APP_ERROR_CODES, type AppErrorCode } from './errors.js';
export { HTTP_STATUS } from './api/errors.js';
export { requireRole, type AuthContext, type Role } from './api/auth.js';
export type { RoutePlugin } from './api/route-plugin.js';
export { systemClock, manualClock, isoTime, type Clock, type ManualClock } from './infra/clock.js';
export { cryptoIds, type IdSource } from './infra/ids.js';
export { openDatabase, type Db, type Dialect } from './infra/db/database.js';
export { migrateToLatest } from './infra/db/migrate.js';
export type { Database } from './infra/db/schema.js';
export { JobHandlers, type JobHandler, type JobRun } from './infra/jobs/handlers.js';
export { enqueueJob, DEFAULT_MAX_ATTEMPTS, type EnqueueJobOptions, type EnqueuedJob } from './infra/jobs/enqueue-job.js';
export { JobWorker, exponentialBackoff, type WorkerOptions, type JobOutcome } from './infra/jobs/worker.js';
