/** The services every route plugin, use case and job handler receives: the composition root's output. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.js';
import type { Clock } from './infra/clock.js';
import type { Db } from './infra/db/database.js';
import type { IdSource } from './infra/ids.js';
import type { JobHandlers } from './infra/jobs/handlers.js';
import type { BlobStore } from './infra/blobs/blob-store.js';
import type { KeyWrap } from './infra/keys/master-key.js';
import type { BuiltinPki } from './infra/pki/builtin-pki.js';
import type { Timestamper } from './infra/tsa/timestamper.js';

export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Register job handlers here (by name) before the worker starts. */
  readonly jobs: JobHandlers;
  /** Content-addressed file store (originals are never overwritten). */
  readonly blobs: BlobStore;
  /** Wraps server-held private keys under the master key (AES-256-GCM; label = what the key is for). */
  readonly keyWrap: KeyWrap;
  /** Root, issuing CA, TSA and OCSP responder of the platform, with their URLs. */
  readonly pki: BuiltinPki;
  /** RFC 3161 time-stamps: the built-in TSA, or PARAPHE_TSA_URL. */
  readonly timestamper: Timestamper;
  /** Structured log (pino); silent when LOG_LEVEL=silent. */
  readonly log: FastifyBaseLogger;
  /** Messages meant for the operator's console (the first-admin link); defaults to stdout. */
  readonly announce: (line: string) => void;
}
