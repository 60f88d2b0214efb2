/**
 * A small RFC 3161 HTTP time-stamp server (development, tests, self-hosted TSA):
 * POST application/timestamp-query → application/timestamp-reply.
 */
import { createServer } from 'node:http';
import { listen, readBody, reply, type RunningServer } from '../http-server.js';
import { PkiError } from '../errors.js';
import { defaultRandom, randomSerial, type RandomSource } from '../random.js';
import {
  createTimestampRejection,
  createTimestampToken,
  TimestampRejection,
  type TimestampAccuracy,
  type TimestampAuthority,
} from './create-timestamp-token.js';

/** A UUID-derived OID (ITU-T X.667 2.25 arc), so no registration is needed for the dev policy. */
export const DEFAULT_TSA_POLICY = '2.25.216480327893846370118939217633212483361';

export interface TsaServerOptions {
  readonly port?: number;
  readonly host?: string;
  readonly tsa: TimestampAuthority;
  readonly clock: () => Date;
  readonly policyOid?: string;
  readonly accuracy?: TimestampAccuracy;
  readonly random?: RandomSource;
  /** Maximum request size in bytes (default 64 KiB). */
  readonly maxBody?: number;
  /** Told about internal failures (the client only sees systemFailure). */
  readonly onError?: (error: unknown) => void;
}

export async function startTsaServer(o: TsaServerOptions): Promise<RunningServer> {
  const policyOid = o.policyOid ?? DEFAULT_TSA_POLICY;
  const random = o.random ?? defaultRandom;
  // noDelay: answers are one small write; Nagle plus the client's delayed ACK would add ~40 ms.
  const server = createServer({ noDelay: true, keepAliveTimeout: 30_000 }, (req, res) => {
    void (async () => {
      if (req.method !== 'POST') return reply(res, 405, 'text/plain; charset=utf-8', 'use POST with application/timestamp-query\n');
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/timestamp-query') {
        return reply(res, 415, 'text/plain; charset=utf-8', `expected content-type application/timestamp-query, got ${type || 'none'}\n`);
      }
      const body = await readBody(req, o.maxBody ?? 65536);
      if (!body) return reply(res, 413, 'text/plain; charset=utf-8', 'request too large\n');
      try {
        const resp = await createTimestampToken({
          request: body,
          tsa: o.tsa,
          policyOid,
          serial: randomSerial(random),
          genTime: o.clock(),
          accuracy: o.accuracy,
        });
        reply(res, 200, 'application/timestamp-reply', resp);
      } catch (e) {
        if (e instanceof TimestampRejection) return reply(res, 200, 'application/timestamp-reply', createTimestampRejection(e.failure, e.message));
        if (e instanceof PkiError && e.code === 'TSA_INVALID') return reply(res, 400, 'text/plain; charset=utf-8', `bad time-stamp request: ${e.message}\n`);
        o.onError?.(e);
        reply(res, 500, 'application/timestamp-reply', createTimestampRejection('systemFailure', 'the time-stamping service failed'));
      }
    })();
  });
  return listen(server, o.port ?? 0, o.host ?? '127.0.0.1');
}
