/**
 * The composition root: opens the database, runs migrations, wires the services and the HTTP
 * API, and starts the job worker. `createServer(config, deps?)` is what `npm start`, the CLI
 * and the tests call.
 */
import { mkdirSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config/config.js';
import type { AppContext } from './context.js';
import { installErrorHandlers, errorBodySchema } from './api/errors.js';
import { registerOpenApi, registerOpenApiRoute } from './api/openapi.js';
import type { RoutePlugin } from './api/route-plugin.js';
import { ROUTE_PLUGINS } from './api/routes/index.js';
import { systemClock, type Clock } from './infra/clock.js';
import { openDatabase, type Db } from './infra/db/database.js';
import { migrateToLatest } from './infra/db/migrate.js';
import { cryptoIds, type IdSource } from './infra/ids.js';
import { JobHandlers } from './infra/jobs/handlers.js';
import { JobWorker, type WorkerOptions } from './infra/jobs/worker.js';
import { localBlobStore } from './infra/blobs/local-blob-store.js';
import { aesGcmKeyWrap, loadMasterKey } from './infra/keys/master-key.js';
import { ensureBuiltinPki } from './infra/pki/builtin-pki.js';
import { builtinTimestamper, httpTimestamper } from './infra/tsa/timestamper.js';
import { scheduleAuditAnchoring } from './domain/audit/anchor-audit-chains.js';
import { issueSetupToken } from './domain/platform/issue-setup-token.js';

export interface ServerDeps {
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Where operator messages go (the first-admin link). Default: stdout. */
  readonly announce?: (line: string) => void;
  /** Extra route plugins (tests, embedding applications), after the built-in ones. */
  readonly routes?: readonly RoutePlugin[];
  readonly worker?: WorkerOptions;
  /** How often audit chains are time-stamped (default hourly). */
  readonly anchorIntervalMs?: number;
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly hidden: boolean;
}

export interface ParapheServer {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  /** Started when config.worker; tests leave it stopped and call worker.runDue(). */
  readonly worker: JobWorker;
  /** The first-administrator link printed at this start, when no organisation exists yet. */
  readonly setupLink: string | null;
  /** Every route registered (HEAD twins left out); `hidden` ones are not in the OpenAPI document. */
  readonly routes: readonly RegisteredRoute[];
  /** Listens on config.host:config.port; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops accepting requests, lets running jobs finish, closes the database. */
  close(): Promise<void>;
}

export async function createServer(config: Config, deps: ServerDeps = {}): Promise<ParapheServer> {
  // Private: it may hold the database, the master key and the documents.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(config.database);
  const hops = config.trustProxy;
  const trustProxy: FastifyServerOptions['trustProxy'] =
    typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : typeof hops === 'object' ? [...hops] : hops;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.limits.bodyBytes,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
    // Behind a trusted reverse proxy the client address comes from X-Forwarded-For.
    trustProxy,
  });
  try {
    return await assemble(config, deps, db, app);
  } catch (error) {
    await app.close().catch(() => undefined); // the start-up error is the one to report
    await db.close();
    throw error;
  }
}

async function assemble(config: Config, deps: ServerDeps, db: Db, app: FastifyInstance): Promise<ParapheServer> {
  await migrateToLatest(db);
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? cryptoIds;
  const announce = deps.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const master = loadMasterKey(config, ids.random);
  const keyWrap = aesGcmKeyWrap(master.key, ids.random);
  const { pki } = await ensureBuiltinPki({ db: db.kysely, keyWrap, clock, ids, publicUrl: config.publicUrl });
  const ctx: AppContext = {
    config,
    db,
    clock,
    ids,
    jobs: new JobHandlers(),
    blobs: localBlobStore(config.blobsDir),
    keyWrap,
    pki,
    timestamper: config.tsaUrl ? httpTimestamper(config.tsaUrl) : builtinTimestamper(pki.tsa, clock),
    log: app.log,
    announce,
  };
  app.decorateRequest('auth', null);
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, hidden });
  });
  installErrorHandlers(app);
  // Uploads (PDF and other binary documents) have their own, larger limit than JSON bodies.
  app.addContentTypeParser(['application/pdf', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: config.limits.uploadBytes }, (_request, body, done) => done(null, body));
  app.addSchema(errorBodySchema);
  await registerOpenApi(app);
  for (const plugin of [...ROUTE_PLUGINS, ...(deps.routes ?? [])]) await plugin(app, ctx);
  registerOpenApiRoute(app);
  await scheduleAuditAnchoring(ctx, deps.anchorIntervalMs);
  await app.ready();
  const setupLink = await issueSetupToken(ctx);
  if (setupLink) announce(`Create the first administrator: ${setupLink}`);
  const worker = new JobWorker(ctx, deps.worker);
  if (config.worker) worker.start();

  let closed = false;
  return {
    app,
    ctx,
    worker,
    setupLink,
    routes,
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
