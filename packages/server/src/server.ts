/**
 * The composition root: opens the database, runs migrations, wires the services and the HTTP
 * API, and starts the job worker. `createServer(config, deps?)` is what `npm start`, the CLI
 * and the tests call.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import type { AppContext } from './context.js';
import { installErrorHandlers, errorBodySchema } from './api/errors.js';
import { registerOpenApi, registerOpenApiRoute } from './api/openapi.js';
import type { RoutePlugin } from './api/route-plugin.js';
import { ROUTE_PLUGINS } from './api/routes/index.js';
import { systemClock, type Clock } from './infra/clock.js';
import { openDatabase } from './infra/db/database.js';
import { migrateToLatest } from './infra/db/migrate.js';
import { cryptoIds, type IdSource } from './infra/ids.js';
import { JobHandlers } from './infra/jobs/handlers.js';
import { JobWorker, type WorkerOptions } from './infra/jobs/worker.js';

export interface ServerDeps {
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Where operator messages go (the first-admin link). Default: stdout. */
  readonly announce?: (line: string) => void;
  /** Extra route plugins (tests, embedding applications), after the built-in ones. */
  readonly routes?: readonly RoutePlugin[];
  readonly worker?: WorkerOptions;
}

export interface ParapheServer {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  /** Started when config.worker; tests leave it stopped and call worker.runDue(). */
  readonly worker: JobWorker;
  /** Listens on config.host:config.port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops accepting requests, lets running jobs finish, closes the database. */
  close(): Promise<void>;
}

export async function createServer(config: Config, deps: ServerDeps = {}): Promise<ParapheServer> {
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.limits.bodyBytes,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
    // Behind a reverse proxy the client address comes from X-Forwarded-For.
    trustProxy: true,
  });
  const ctx: AppContext = {
    config,
    db,
    clock: deps.clock ?? systemClock,
    ids: deps.ids ?? cryptoIds,
    jobs: new JobHandlers(),
    log: app.log,
    announce: deps.announce ?? ((line) => process.stdout.write(`${line}\n`)),
  };
  app.decorateRequest('auth', null);
  installErrorHandlers(app);
  app.addSchema(errorBodySchema);
  await registerOpenApi(app);
  for (const plugin of [...ROUTE_PLUGINS, ...(deps.routes ?? [])]) await plugin(app, ctx);
  registerOpenApiRoute(app);
  await app.ready();
  const worker = new JobWorker(ctx, deps.worker);
  if (config.worker) worker.start();

  let closed = false;
  return {
    app,
    ctx,
    worker,
    async listen() {
      return app.listen({ host: config.host, port: config.port });
    },
    async close() {
      if (closed) return;
      closed = true;
      await worker.stop();
      await app.close();
      await db.close();
    },
  };
}
