/**
 * An administrator revokes a department's seal: the register entry and the CA's CRL change in
 * one transaction (OCSP and the CRL say revoked at once), the department may get a new seal,
 * and the grants stay for the record but no longer open anything.
 */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import type { Caller } from '../identity/identity-context.js';
import { auditCredential, type ClientRevocationReason, type CredentialContext } from './credential-context.js';
import { revokeIssuedCertificate } from './certificate-register.js';
import { regenerateCrl } from './certificate-revocation-list.js';
import { emitWebhookEvent } from '../../infra/webhooks/emit-webhook-event.js';
import { findSeal, sealView, type SealView } from './seal-view.js';

export async function revokeSeal(ctx: CredentialContext, options: { caller: Caller; sealId: string; reason?: ClientRevocationReason }): Promise<SealView> {
  const { caller } = options;
  if (!caller.roles.includes('administrator')) throw new AppError('FORBIDDEN', 'only administrators revoke seals');
  const reason = options.reason ?? 'unspecified';
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const seal = await findSeal(trx, caller.orgId, options.sealId);
    if (!seal) throw new AppError('NOT_FOUND', 'seal not found');
    if (seal.status === 'revoked') return sealView(seal, seal.serial_hex);
    const now = ctx.clock();
    await trx.updateTable('seals').set({ status: 'revoked', active_department_id: null, revoked_at: isoTime(now), updated_at: isoTime(now) }).where('id', '=', seal.id).execute();
    await revokeIssuedCertificate(trx, seal.issued_certificate_id, reason, now);
    await regenerateCrl(trx, ctx, 'ca');
    await emitWebhookEvent(trx, ctx, { orgId: caller.orgId, event: 'seal.revoked', data: { sealId: seal.id, departmentId: seal.department_id, serial: seal.serial_hex, reason } });
    await auditCredential(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'seal.revoked', target: { type: 'seal', id: seal.id }, details: { serial: seal.serial_hex, reason } });
    return sealView({ ...seal, status: 'revoked', active_department_id: null, revoked_at: isoTime(now) }, seal.serial_hex);
  });
}

export async function listSeals(ctx: Pick<CredentialContext, 'db'>, caller: Caller): Promise<(SealView & { mayApply: boolean })[]> {
  const rows = await ctx.db.kysely
    .selectFrom('seals')
    .innerJoin('issued_certificates', 'issued_certificates.id', 'seals.issued_certificate_id')
    .leftJoin('seal_grants', (join) => join.onRef('seal_grants.seal_id', '=', 'seals.id').on('seal_grants.user_id', '=', caller.id ?? ''))
    .selectAll('seals')
    .select(['issued_certificates.serial_hex', 'seal_grants.user_id as granted'])
    .where('seals.org_id', '=', caller.orgId)
    .orderBy('seals.created_at')
    .orderBy('seals.id')
    .execute();
  return rows.map((r) => ({ ...sealView(r, r.serial_hex), mayApply: r.granted !== null && r.status === 'active' }));
}

export async function getSeal(ctx: Pick<CredentialContext, 'db'>, caller: Caller, sealId: string): Promise<SealView> {
  const seal = await findSeal(ctx.db.kysely, caller.orgId, sealId);
  if (!seal) throw new AppError('NOT_FOUND', 'seal not found');
  return sealView(seal, seal.serial_hex);
}
