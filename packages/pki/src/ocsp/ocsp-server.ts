/**
 * A small OCSP HTTP responder (RFC 6960 Appendix A): POST application/ocsp-request or
 * GET {url}/{base64(request)}; can also serve static files (CRL, CA certificate) on the same port.
 */
import { createServer } from 'node:http';
import { listen, readBody, reply, type RunningServer } from '../http-server.js';
import { PkiError } from '../errors.js';
import type { OcspCertId } from './cert-id.js';
import { parseOcspRequest } from './ocsp-request.js';
import { createOcspErrorResponse, createOcspResponse, type OcspCertStatus, type OcspResponder } from './ocsp-response.js';

export interface OcspServerOptions {
  readonly port?: number;
  readonly host?: string;
  readonly responder: OcspResponder;
  readonly status: (certId: OcspCertId) => OcspCertStatus | Promise<OcspCertStatus>;
  /** Time source for producedAt/thisUpdate (default: system clock). */
  readonly clock?: () => Date;
  /** nextUpdate = thisUpdate + validity (default 1 hour); 0 = omit nextUpdate. */
  readonly validitySeconds?: number;
  /**
   * Extra GET routes, e.g. { '/ca.crl': () => crlDer, '/ca.cer': caDer }: content type from the
   * extension (.crl → application/pkix-crl, .cer/.crt → application/pkix-cert).
   */
  readonly files?: Readonly<Record<string, Uint8Array | (() => Uint8Array | Promise<Uint8Array>)>>;
  /** Told about internal failures (the client only sees internalError). */
  readonly onError?: (error: unknown) => void;
}

const OCSP_TYPE = 'application/ocsp-response';

function typeFor(path: string): string {
  if (path.endsWith('.crl')) return 'application/pkix-crl';
  if (path.endsWith('.cer') || path.endsWith('.crt')) return 'application/pkix-cert';
  if (path.endsWith('.p7c')) return 'application/pkcs7-mime';
  return 'application/octet-stream';
}

/**
 * The request carried in a GET path: base64 (standard or url-safe), URL-encoded. Clients do
 * not always encode '/', so every suffix after a '/' is tried, longest first, until one parses.
 */
function requestFromPath(path: string): Uint8Array | undefined {
  const decoded = decodeURIComponent(path);
  for (let i = decoded.indexOf('/'); i >= 0; i = decoded.indexOf('/', i + 1)) {
    const candidate = new Uint8Array(Buffer.from(decoded.slice(i + 1).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    try {
      parseOcspRequest(candidate);
      return candidate;
    } catch (e) {
      if (!(e instanceof PkiError)) throw e;
    }
  }
  return undefined;
}

export async function startOcspServer(o: OcspServerOptions): Promise<RunningServer> {
  const clock = o.clock ?? (() => new Date());
  const validity = o.validitySeconds ?? 3600;
  const answer = async (reqDer: Uint8Array): Promise<Uint8Array> => {
    let parsed;
    try {
      parsed = parseOcspRequest(reqDer);
    } catch (e) {
      if (e instanceof PkiError) return createOcspErrorResponse('malformedRequest');
      throw e;
    }
    const now = clock();
    return createOcspResponse({
      request: parsed,
      responder: o.responder,
      status: o.status,
      producedAt: now,
      thisUpdate: now,
      nextUpdate: validity > 0 ? new Date(now.getTime() + validity * 1000) : undefined,
    });
  };
  // noDelay: answers are one small write; Nagle plus the client's delayed ACK would add ~40 ms.
  const server = createServer({ noDelay: true, keepAliveTimeout: 30_000 }, (req, res) => {
    void (async () => {
      try {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        if (req.method === 'GET') {
          const file = o.files?.[path];
          if (file) return reply(res, 200, typeFor(path), typeof file === 'function' ? await file() : file);
          if (path === '/' || path === '') return reply(res, 400, 'text/plain; charset=utf-8', 'GET needs a base64 OCSP request in the path\n');
          const fromPath = requestFromPath(path);
          return reply(res, 200, OCSP_TYPE, fromPath ? await answer(fromPath) : createOcspErrorResponse('malformedRequest'));
        }
        if (req.method !== 'POST') return reply(res, 405, 'text/plain; charset=utf-8', 'use POST or GET\n');
        const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== 'application/ocsp-request') {
          return reply(res, 415, 'text/plain; charset=utf-8', `expected content-type application/ocsp-request, got ${type || 'none'}\n`);
        }
        const body = await readBody(req, 65536);
        if (!body) return reply(res, 413, 'text/plain; charset=utf-8', 'request too large\n');
        reply(res, 200, OCSP_TYPE, await answer(body));
      } catch (e) {
        // The reason goes to the operator, not to the client.
        o.onError?.(e);
        reply(res, 500, OCSP_TYPE, createOcspErrorResponse('internalError'));
      }
    })();
  });
  return listen(server, o.port ?? 0, o.host ?? '127.0.0.1');
}
