/**
 * Public verification (no account): `POST /api/verify` takes a PDF as the raw request body
 * (`application/pdf`), validates every signature against the platform's trust anchors and
 * returns the validation report of DESIGN.md §3. `GET /api/verify/limits` tells clients the
 * largest file accepted.
 */
import { validate, ValidationError, type ValidateOptions, type ValidationReport } from '@paraphe/pades';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { RoutePlugin } from '../route-plugin.js';

/** Body types accepted: browsers and curl send PDFs as either. */
const PDF_TYPES = ['application/pdf', 'application/octet-stream'];

const signatureSchema = {
  type: 'object',
  required: ['field', 'type', 'indication', 'intact', 'cryptoValid', 'trusted', 'coverage', 'modification', 'changes', 'level', 'signer', 'signingTime', 'revocation', 'reasons'],
  // The report type in @paraphe/pades is the contract; the schema documents its main fields and passes the rest through.
  additionalProperties: true,
  properties: {
    field: { type: 'string' },
    type: { type: 'string', enum: ['signature', 'doc-timestamp'] },
    indication: { type: 'string', enum: ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'] },
    subIndication: { type: ['string', 'null'] },
    intact: { type: 'boolean' },
    cryptoValid: { type: 'boolean' },
    trusted: { type: 'boolean' },
    coverage: { type: 'string' },
    modification: { type: 'string' },
    changes: { type: 'array', items: { type: 'string' } },
    level: { type: ['string', 'null'] },
    signer: { type: ['object', 'null'], additionalProperties: true },
    signingTime: { type: 'object', additionalProperties: true },
    revocation: { type: 'object', additionalProperties: true },
    reasons: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const reportSchema = {
  type: 'object',
  required: ['indication', 'signatures', 'warnings', 'validationTime'],
  additionalProperties: true,
  properties: {
    indication: { type: 'string', enum: ['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE'] },
    signatures: { type: 'array', items: signatureSchema },
    warnings: { type: 'array', items: { type: 'string' } },
    validationTime: { type: 'string' },
  },
} as const;

const errors = { 400: { $ref: 'ErrorBody#' }, 413: { $ref: 'ErrorBody#' }, 415: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } } as const;

export interface VerifyRoutesOptions {
  /**
   * Verifications running at once; more get 429 RATE_LIMITED. The route is public and each
   * validation may use up to the validator's work budget of CPU, so the queue is refused, not kept.
   */
  readonly maxConcurrent?: number;
  /** The validator (tests pass a controllable one). */
  readonly validate?: (pdf: Uint8Array, options: ValidateOptions) => Promise<ValidationReport>;
}

export const DEFAULT_MAX_CONCURRENT_VERIFICATIONS = 4;

export const verifyRoutes: RoutePlugin = (app, ctx) => verifyRoutesWith()(app, ctx);

export function verifyRoutesWith(options: VerifyRoutesOptions = {}): RoutePlugin {
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_VERIFICATIONS;
  const run = options.validate ?? validate;
  return async (app, ctx) => {
    let running = 0;
    // An encapsulated scope: unless the server already parses PDF bodies for every route, this route brings its own parser.
    await app.register(async (scope) => {
      for (const type of PDF_TYPES) {
        if (!scope.hasContentTypeParser(type)) scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: ctx.config.limits.uploadBytes }, (_request, body, done) => done(null, body));
      }

      scope.post(
        '/api/verify',
        {
          config: { access: 'public' },
          bodyLimit: ctx.config.limits.uploadBytes,
          schema: {
            summary: 'Validate the signatures of a PDF (raw application/pdf body) against the platform trust anchors',
            tags: ['verification'],
            response: { 200: reportSchema, ...errors },
          },
        },
        async (request) => {
          if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `send the PDF as the request body with Content-Type ${PDF_TYPES[0]}`);
          if (request.body.length === 0) throw new AppError('VALIDATION_FAILED', 'the request body is empty; send a PDF', { reason: 'EMPTY' });
          if (running >= maxConcurrent) throw new AppError('RATE_LIMITED', 'too many verifications at once; retry in a moment');
          running += 1;
          try {
            return await verifyPdf(ctx, run, new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.length));
          } finally {
            running -= 1;
          }
        },
      );

      scope.get(
        '/api/verify/limits',
        {
          config: { access: 'public' },
          schema: {
            summary: 'Largest PDF accepted by POST /api/verify, in bytes',
            tags: ['verification'],
            response: { 200: { type: 'object', required: ['maxBytes'], properties: { maxBytes: { type: 'integer' } } } },
          },
        },
        async () => ({ maxBytes: ctx.config.limits.uploadBytes }),
      );
    });
  };
}

/** Runs the validator; a file it cannot read becomes a 4xx naming the validator's reason code. */
async function verifyPdf(ctx: AppContext, run: NonNullable<VerifyRoutesOptions['validate']>, bytes: Uint8Array): Promise<ValidationReport> {
  try {
    return await run(bytes, { trustAnchors: [ctx.pki.root.certificate], at: ctx.clock() });
  } catch (error) {
    if (!(error instanceof ValidationError) || error.code === 'VALIDATE_BAD_OPTIONS') throw error;
    const details = { reason: error.code, ...(error.causeCode ? { cause: error.causeCode } : {}) };
    if (error.code === 'VALIDATE_LIMIT') throw new AppError('PAYLOAD_TOO_LARGE', error.message, details);
    throw new AppError('VALIDATION_FAILED', error.message, details);
  }
}
