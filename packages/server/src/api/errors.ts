/**
 * The one table mapping application error codes to HTTP statuses, and the Fastify handlers
 * that turn every failure into `{ error: { code, message, details? } }` without stack traces.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type AppErrorCode } from '../errors.js';

export const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SETUP_TOKEN_INVALID: 400,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  KEY_BAD_PASSWORD: 403,
  KEY_LOCKED: 423,
  P12_INVALID: 400,
  CERTIFICATE_REVOKED: 409,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** What Fastify itself raises (body parsing, limits) mapped to our codes. */
const FASTIFY_CODES: Readonly<Record<string, AppErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; details?: Record<string, unknown> };
}

/** JSON schema of the error body, referenced by route schemas as `{ $ref: 'ErrorBody#' }`. */
export const errorBodySchema = {
  $id: 'ErrorBody',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: HTTP_STATUS[error.code], body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } } };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: fastifyError.message ?? 'invalid request',
          details: { issues: fastifyError.validation.map((v) => ({ path: v.instancePath, message: v.message ?? '' })) },
        },
      },
    };
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return { status: HTTP_STATUS[mapped], body: { error: { code: mapped, message: fastifyError.message ?? mapped } } };
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = (Object.entries(HTTP_STATUS).find(([, s]) => s === status)?.[0] as AppErrorCode | undefined) ?? 'VALIDATION_FAILED';
    return { status, body: { error: { code, message: fastifyError.message ?? code } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorBody(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } } satisfies ErrorBody);
  });
}
