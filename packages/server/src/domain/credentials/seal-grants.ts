/** Administrators decide who may apply each seal: grant, withdraw, list. Every change is audited. */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import type { Caller } from '../identity/identity-context.js';
import { auditCredential, type CredentialContext } from './credential-context.js';
import { findSeal } from './seal-view.js';

export interface SealGrantView {
  readonly userId: string;
  readonly grantedBy: string | null;
  readonly createdAt: string;
}

function requireAdministrator(caller: Caller): void {
  if (!caller.roles.includes('administrator')) throw new AppError('FORBIDDEN', 'only administrators manage who may apply a seal');
}

export async function grantSeal(ctx: CredentialContext, options: { caller: Caller; sealId: string; userId: string }): Promise<void> {
  const { caller } = options;
  requireAdministrator(caller);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const seal = await findSeal(trx, caller.orgId, options.sealId);
    if (!seal) throw new AppError('NOT_FOUND', 'seal not found');
    if (seal.status !== 'active') throw new AppError('CERTIFICATE_REVOKED', 'this seal was revoked');
    const user = await trx.selectFrom('users').select('id').where('id', '=', options.userId).where('org_id', '=', caller.orgId).executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    const inserted = await trx
      .insertInto('seal_grants')
      .values({ seal_id: seal.id, user_id: user.id, granted_by: caller.id, created_at: isoTime(ctx.clock()) })
      .onConflict((oc) => oc.columns(['seal_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return; // already granted: nothing changed, nothing to audit
    await auditCredential(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'seal.granted', target: { type: 'seal', id: seal.id }, details: { userId: user.id } });
  });
}

export async function withdrawSealGrant(ctx: CredentialContext, options: { caller: Caller; sealId: string; userId: string }): Promise<void> {
  const { caller } = options;
  requireAdministrator(caller);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const seal = await findSeal(trx, caller.orgId, options.sealId);
    if (!seal) throw new AppError('NOT_FOUND', 'seal not found');
    const deleted = await trx.deleteFrom('seal_grants').where('seal_id', '=', seal.id).where('user_id', '=', options.userId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'this user may not apply this seal');
    await auditCredential(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'seal.grant_withdrawn', target: { type: 'seal', id: seal.id }, details: { userId: options.userId } });
  });
}

export async function listSealGrants(ctx: Pick<CredentialContext, 'db'>, caller: Caller, sealId: string): Promise<SealGrantView[]> {
  requireAdministrator(caller);
  const seal = await findSeal(ctx.db.kysely, caller.orgId, sealId);
  if (!seal) throw new AppError('NOT_FOUND', 'seal not found');
  const rows = await ctx.db.kysely.selectFrom('seal_grants').selectAll().where('seal_id', '=', sealId).orderBy('created_at').orderBy('user_id').execute();
  return rows.map((r) => ({ userId: r.user_id, grantedBy: r.granted_by, createdAt: r.created_at }));
}
