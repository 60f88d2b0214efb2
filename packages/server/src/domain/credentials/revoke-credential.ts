/**
 * Revokes a personal signing certificate, by its holder or an administrator. For certificates
 * of the built-in CA the register entry is revoked and the CA's CRL regenerated in the same
 * transaction, so OCSP and the CRL say "revoked" as soon as it commits. An imported
 * certificate can only be withdrawn from use here (its own CA must revoke it).
 */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import type { Caller } from '../identity/identity-context.js';
import { auditCredential, type ClientRevocationReason, type CredentialContext } from './credential-context.js';
import { credentialView, findCredential, type CredentialView } from './credential-view.js';
import { revokeIssuedCertificate } from './certificate-register.js';
import { regenerateCrl } from './certificate-revocation-list.js';
import { emitWebhookEvent } from '../../infra/webhooks/emit-webhook-event.js';

export interface RevokeCredentialOptions {
  readonly caller: Caller;
  readonly credentialId: string;
  readonly reason?: ClientRevocationReason;
}

export async function revokeCredential(ctx: CredentialContext, options: RevokeCredentialOptions): Promise<CredentialView> {
  const { caller } = options;
  const reason = options.reason ?? 'unspecified';
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await findCredential(trx, caller.orgId, options.credentialId);
    const isHolder = caller.type === 'user' && row?.user_id === caller.id;
    if (!row || !(isHolder || caller.roles.includes('administrator'))) throw new AppError('NOT_FOUND', 'signing credential not found');
    if (row.status === 'revoked') return credentialView(row);
    const now = ctx.clock();
    await trx.updateTable('signing_credentials').set({ status: 'revoked', revoked_at: isoTime(now), updated_at: isoTime(now) }).where('id', '=', row.id).execute();
    if (row.issued_certificate_id) {
      await revokeIssuedCertificate(trx, row.issued_certificate_id, reason, now);
      await regenerateCrl(trx, ctx, 'ca');
    }
    await emitWebhookEvent(trx, ctx, { orgId: caller.orgId, event: 'credential.revoked', data: { credentialId: row.id, userId: row.user_id, serial: row.serial_hex, reason } });
    await auditCredential(trx, ctx, {
      orgId: caller.orgId,
      actor: caller,
      action: 'credential.revoked',
      target: { type: 'signing_credential', id: row.id },
      details: { serial: row.serial_hex, reason, source: row.source },
    });
    return credentialView({ ...row, status: 'revoked', revoked_at: isoTime(now), updated_at: isoTime(now) });
  });
}
