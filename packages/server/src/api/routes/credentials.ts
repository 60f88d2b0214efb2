/**
 * Personal signing credentials: a person obtains a certificate from the platform CA or imports
 * a PKCS#12, changes the signing password, revokes; administrators read and revoke anyone's.
 * Signing passwords travel only in request bodies and are never stored or logged.
 */
import type { RoutePlugin } from '../route-plugin.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';
import { issuePersonalCertificate, PERSONAL_KEY_ALGORITHMS, type PersonalKeyAlgorithm } from '../../domain/credentials/issue-personal-certificate.js';
import { importPkcs12Credential } from '../../domain/credentials/import-pkcs12-credential.js';
import { changeSigningPassword } from '../../domain/credentials/change-signing-password.js';
import { revokeCredential } from '../../domain/credentials/revoke-credential.js';
import { getCredential, listCredentials } from '../../domain/credentials/list-credentials.js';
import { REVOCATION_REASONS, type ClientRevocationReason } from '../../domain/credentials/credential-context.js';
import { AppError } from '../../errors.js';

const tags = ['credentials'];
const signedIn = { access: 'authenticated' } as const;
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
export const credentialViewSchema = {
  type: 'object',
  required: ['id', 'userId', 'source', 'subject', 'issuer', 'serial', 'notBefore', 'notAfter', 'status', 'revokedAt', 'lockedUntil', 'certificatePem', 'chainPem', 'createdAt'],
  properties: {
    id: { type: 'string' },
    userId: { type: 'string' },
    source: { type: 'string', enum: ['issued', 'imported'] },
    subject: { type: 'string' },
    issuer: { type: 'string' },
    serial: { type: 'string' },
    notBefore: { type: 'string' },
    notAfter: { type: 'string' },
    status: { type: 'string', enum: ['active', 'revoked'] },
    revokedAt: { type: ['string', 'null'] },
    lockedUntil: { type: ['string', 'null'] },
    certificatePem: { type: 'string' },
    chainPem: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;
export const revokeBody = { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', enum: [...REVOCATION_REASONS] } } } as const;
const errors = { ...s.errorResponses, 423: { $ref: 'ErrorBody#' } } as const;

function decodeBase64(text: string, field: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) throw new AppError('VALIDATION_FAILED', `${field} must be base64`, { field });
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export const credentialRoutes: RoutePlugin = async (app, ctx) => {
  app.post<{ Body: { signingPassword: string; algorithm?: PersonalKeyAlgorithm } }>(
    '/api/credentials',
    {
      config: signedIn,
      schema: {
        summary: 'Obtain a personal signing certificate from the platform CA; the key is kept encrypted under the signing password',
        tags,
        body: { type: 'object', required: ['signingPassword'], additionalProperties: false, properties: { signingPassword: password, algorithm: { type: 'string', enum: [...PERSONAL_KEY_ALGORITHMS] } } },
        response: { 201: credentialViewSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await issuePersonalCertificate(ctx, { caller: callerOf(request), ...request.body })),
  );
  app.post<{ Body: { pkcs12: string; pkcs12Password: string; signingPassword: string } }>(
    '/api/credentials/import',
    {
      config: signedIn,
      schema: {
        summary: 'Import a certificate from another CA (PKCS#12, base64); the key is re-encrypted under the signing password',
        tags,
        body: {
          type: 'object',
          required: ['pkcs12', 'pkcs12Password', 'signingPassword'],
          additionalProperties: false,
          properties: { pkcs12: { type: 'string', minLength: 4, maxLength: 400_000 }, pkcs12Password: { type: 'string', maxLength: 1024 }, signingPassword: password },
        },
        response: { 201: credentialViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { pkcs12, pkcs12Password, signingPassword } = request.body;
      return reply.status(201).send(await importPkcs12Credential(ctx, { caller: callerOf(request), pkcs12: decodeBase64(pkcs12, 'pkcs12'), pkcs12Password, signingPassword }));
    },
  );
  app.get<{ Querystring: { userId?: string } }>(
    '/api/credentials',
    {
      config: signedIn,
      schema: {
        summary: "The caller's signing credentials (administrators: anyone's, with userId)",
        tags,
        querystring: { type: 'object', additionalProperties: false, properties: { userId: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'array', items: credentialViewSchema }, ...errors },
      },
    },
    async (request) => listCredentials(ctx, callerOf(request), request.query.userId),
  );
  app.get<{ Params: { id: string } }>(
    '/api/credentials/:id',
    { config: signedIn, schema: { summary: 'One signing credential', tags, params: s.idParams, response: { 200: credentialViewSchema, ...errors } } },
    async (request) => getCredential(ctx, callerOf(request), request.params.id),
  );
  app.post<{ Params: { id: string }; Body: { oldPassword: string; newPassword: string } }>(
    '/api/credentials/:id/password',
    {
      config: signedIn,
      schema: {
        summary: 'Change the signing password (the key is re-encrypted); wrong passwords count towards the lockout',
        tags,
        params: s.idParams,
        body: { type: 'object', required: ['oldPassword', 'newPassword'], additionalProperties: false, properties: { oldPassword: password, newPassword: password } },
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await changeSigningPassword(ctx, { caller: callerOf(request), credentialId: request.params.id, ...request.body });
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { id: string }; Body: { reason?: ClientRevocationReason } }>(
    '/api/credentials/:id/revoke',
    {
      config: signedIn,
      schema: { summary: 'Revoke a signing certificate (its holder or an administrator); OCSP and the CRL say so at once', tags, params: s.idParams, body: revokeBody, response: { 200: credentialViewSchema, ...errors } },
    },
    async (request) => revokeCredential(ctx, { caller: callerOf(request), credentialId: request.params.id, ...(request.body?.reason ? { reason: request.body.reason } : {}) }),
  );
};
