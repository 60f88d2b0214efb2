/** `GET /api/audit/verify`: checks the audit chains and lists every tampered event. Administrators only. */
import { derFromInput } from '@paraphe/pki';
import { authOf, requireRole } from '../auth.js';
import type { RoutePlugin } from '../route-plugin.js';
import { verifyAuditChain } from '../../domain/audit/verify-audit-chain.js';

const finding = {
  type: 'object',
  required: ['kind', 'seq', 'message'],
  properties: {
    kind: { type: 'string', enum: ['EDITED', 'DELETED', 'INSERTED', 'REORDERED', 'ANCHOR_MISMATCH', 'ANCHOR_INVALID'] },
    seq: { type: 'integer' },
    message: { type: 'string' },
  },
} as const;

const chain = {
  type: 'object',
  required: ['orgId', 'valid', 'events', 'headSeq', 'anchors', 'lastAnchor', 'findings'],
  properties: {
    orgId: { type: 'string' },
    valid: { type: 'boolean' },
    events: { type: 'integer' },
    headSeq: { type: ['integer', 'null'] },
    anchors: { type: 'integer' },
    lastAnchor: { anyOf: [{ type: 'null' }, { type: 'object', required: ['seq', 'time'], properties: { seq: { type: 'integer' }, time: { type: 'string' } } }] },
    findings: { type: 'array', items: finding },
  },
} as const;

export const auditRoutes: RoutePlugin = async (app, ctx) => {
  const tsaCertificate = derFromInput(ctx.pki.tsa.certificate);
  app.get(
    '/api/audit/verify',
    {
      config: { access: { roles: ['administrator'] } },
      preHandler: requireRole('administrator'),
      schema: {
        summary: "Verify the organisation's audit chain",
        tags: ['audit'],
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: {
          200: { type: 'object', required: ['valid', 'chains'], properties: { valid: { type: 'boolean' }, chains: { type: 'array', items: chain } } },
          401: { $ref: 'ErrorBody#' },
          403: { $ref: 'ErrorBody#' },
        },
      },
    },
    async (request) => {
      // An administrator sees their own organisation's chain only (the CLI checks every chain).
      return verifyAuditChain(ctx.db.kysely, { orgId: authOf(request).orgId, tsaCertificate });
    },
  );
};
