/**
 * The built-in trust services over HTTP, at the URLs written into certificates (AIA, CRL DP):
 * CRLs, CA certificates, the OCSP responder (POST, and GET with the base64 request in the
 * path, RFC 6960 Appendix A) and the RFC 3161 time-stamping authority. Public by nature.
 */
import { createTimestampRejection, createTimestampToken, DEFAULT_TSA_POLICY, parseOcspRequest, PkiError, randomSerial, TimestampRejection } from '@paraphe/pki';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../errors.js';
import type { RoutePlugin } from '../route-plugin.js';
import { answerOcspRequest } from '../../domain/credentials/answer-ocsp-request.js';
import { currentCrl } from '../../domain/credentials/certificate-revocation-list.js';
import type { BuiltinIssuer } from '../../domain/credentials/credential-tables.js';

const OCSP_REQUEST = 'application/ocsp-request';
const TIMESTAMP_QUERY = 'application/timestamp-query';
/** Both requests are small; anything larger is not one. */
const MAX_REQUEST_BYTES = 64 * 1024;

const open = { access: 'public' } as const;
const binary = { 200: { type: 'string', format: 'binary' } } as const;
const issuerParams = {
  type: 'object',
  required: ['file'],
  additionalProperties: false,
  properties: { file: { type: 'string', enum: ['ca', 'root'] } },
} as const;

function sendDer(reply: FastifyReply, type: string, der: Uint8Array, maxAgeSeconds = 0): FastifyReply {
  return reply
    .header('content-type', type)
    .header('cache-control', maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}` : 'no-cache')
    .send(Buffer.from(der));
}

/**
 * The request in a GET path: base64 (standard or URL-safe), possibly URL-encoded. Clients do
 * not always encode '/', so every suffix after a '/' is tried, longest first.
 */
function ocspRequestFromPath(path: string): Uint8Array | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path; // a stray '%': the raw path may still be plain base64
  }
  const candidates = [decoded, ...[...decoded.matchAll(/\//g)].map((m) => decoded.slice((m.index ?? 0) + 1))];
  for (const candidate of candidates) {
    const der = new Uint8Array(Buffer.from(candidate.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
    try {
      parseOcspRequest(der);
      return der;
    } catch (error) {
      if (!(error instanceof PkiError)) throw error;
    }
  }
  return undefined;
}

export const trustRoutes: RoutePlugin = async (app, ctx) => {
  app.addContentTypeParser([OCSP_REQUEST, TIMESTAMP_QUERY], { parseAs: 'buffer', bodyLimit: MAX_REQUEST_BYTES }, (_request, body, done) => done(null, body));

  const crl = async (issuer: BuiltinIssuer, reply: FastifyReply) => sendDer(reply, 'application/pkix-crl', await currentCrl(ctx, issuer));
  const caCert = (issuer: BuiltinIssuer, reply: FastifyReply) => sendDer(reply, 'application/pkix-cert', ctx.pki[issuer].certificate, 86_400);
  const tags = ['trust services'];

  app.get('/pki/ca.crl', { config: open, schema: { summary: 'CRL of the issuing CA', tags, response: binary } }, async (_request, reply) => crl('ca', reply));
  app.get('/pki/root.crl', { config: open, schema: { summary: 'CRL of the root CA', tags, response: binary } }, async (_request, reply) => crl('root', reply));
  app.get<{ Params: { file: BuiltinIssuer } }>(
    '/pki/crl/:file.crl',
    { config: open, schema: { summary: 'CRL of a built-in CA by name', tags, params: issuerParams, response: binary } },
    async (request, reply) => crl(request.params.file, reply),
  );
  app.get('/pki/ca.cer', { config: open, schema: { summary: 'Certificate of the issuing CA (DER)', tags, response: binary } }, async (_request, reply) => caCert('ca', reply));
  app.get('/pki/root.cer', { config: open, schema: { summary: 'Certificate of the root CA (DER)', tags, response: binary } }, async (_request, reply) => caCert('root', reply));
  app.get<{ Params: { file: BuiltinIssuer } }>(
    '/pki/ca/:file.cer',
    { config: open, schema: { summary: 'Certificate of a built-in CA by name (DER)', tags, params: issuerParams, response: binary } },
    async (request, reply) => caCert(request.params.file, reply),
  );

  app.post(
    '/pki/ocsp',
    { config: open, schema: { summary: 'OCSP responder (RFC 6960), body application/ocsp-request; also GET /pki/ocsp/{base64 request}', tags, response: binary } },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `expected ${OCSP_REQUEST}`);
      return sendDer(reply, 'application/ocsp-response', await answerOcspRequest(ctx, new Uint8Array(request.body)));
    },
  );
  app.get<{ Params: { '*': string } }>(
    '/pki/ocsp/*',
    // Hidden from OpenAPI (a wildcard path has no OpenAPI form); POST /pki/ocsp documents the service.
    { config: open, schema: { hide: true, summary: 'OCSP responder, GET form: base64 DER request in the path', tags, response: binary } },
    async (request, reply) => {
      const der = ocspRequestFromPath(request.params['*']);
      // A request that does not parse still gets an OCSP answer (malformedRequest), as clients expect.
      return sendDer(reply, 'application/ocsp-response', await answerOcspRequest(ctx, der ?? new Uint8Array()));
    },
  );

  app.post(
    '/pki/tsa',
    { config: open, schema: { summary: 'RFC 3161 time-stamping authority, body application/timestamp-query', tags, response: binary } },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `expected ${TIMESTAMP_QUERY}`);
      let response: Uint8Array;
      try {
        response = await createTimestampToken({
          request: new Uint8Array(request.body),
          tsa: ctx.pki.tsa,
          policyOid: DEFAULT_TSA_POLICY,
          serial: randomSerial(ctx.ids.random),
          genTime: ctx.clock(),
        });
      } catch (error) {
        if (error instanceof TimestampRejection) response = createTimestampRejection(error.failure, error.message);
        else if (error instanceof PkiError && error.code === 'TSA_INVALID') throw new AppError('VALIDATION_FAILED', `bad time-stamp request: ${error.message}`);
        else throw error;
      }
      return sendDer(reply, 'application/timestamp-reply', response);
    },
  );
};
