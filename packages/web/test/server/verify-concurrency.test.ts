/** POST /api/verify refuses work beyond its concurrency limit (429 RATE_LIMITED) instead of queueing CPU-heavy validations. */
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import type { AppContext } from '@paraphe/server';
import type { ValidationReport } from '@paraphe/pades';
// Internal to the server: the route factory with its injectable validator, and the one error table.
import { verifyRoutesWith } from '../../../server/src/api/routes/verify.js';
import { errorBodySchema, installErrorHandlers } from '../../../server/src/api/errors.js';

const REPORT: ValidationReport = { indication: 'INDETERMINATE', signatures: [], warnings: [], validationTime: '2026-01-01T00:00:00.000Z' };

it('a verification beyond the limit gets 429 RATE_LIMITED, and the slot frees when one finishes', async () => {
  let release: (() => void) | undefined;
  let started = 0;
  const validate = async (): Promise<ValidationReport> => {
    started += 1;
    if (started === 1) await new Promise<void>((resolve) => (release = resolve));
    return REPORT;
  };
  const ctx = { config: { limits: { uploadBytes: 1024 * 1024 } }, pki: { root: { certificate: new Uint8Array([0x30]) } }, clock: () => new Date(0) } as unknown as AppContext;
  const app = Fastify();
  installErrorHandlers(app);
  app.addSchema(errorBodySchema);
  await verifyRoutesWith({ maxConcurrent: 1, validate })(app, ctx);
  const send = () => app.inject({ method: 'POST', url: '/api/verify', payload: Buffer.from('%PDF-1.7'), headers: { 'content-type': 'application/pdf' } });
  try {
    const first = send();
    await expect.poll(() => started).toBe(1);
    const refused = await send();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    release!();
    expect((await first).statusCode).toBe(200);
    expect((await send()).json()).toEqual(REPORT);
  } finally {
    await app.close();
  }
});
