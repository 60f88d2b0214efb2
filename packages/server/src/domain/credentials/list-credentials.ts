/** Reading credentials: a person sees their own; an administrator sees anyone's in the organisation. */
import { AppError } from '../../errors.js';
import type { Caller } from '../identity/identity-context.js';
import type { CredentialContext } from './credential-context.js';
import { credentialView, findCredential, type CredentialView } from './credential-view.js';

function mayRead(caller: Caller, userId: string): boolean {
  return (caller.type === 'user' && caller.id === userId) || caller.roles.includes('administrator');
}

export async function listCredentials(ctx: Pick<CredentialContext, 'db'>, caller: Caller, userId?: string): Promise<CredentialView[]> {
  const holder = userId ?? (caller.type === 'user' ? caller.id : null);
  if (!holder) throw new AppError('VALIDATION_FAILED', 'userId is required for callers that are not a person', { field: 'userId' });
  if (!mayRead(caller, holder)) throw new AppError('FORBIDDEN', "only administrators may list another person's credentials");
  const rows = await ctx.db.kysely
    .selectFrom('signing_credentials')
    .selectAll()
    .where('org_id', '=', caller.orgId)
    .where('user_id', '=', holder)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(credentialView);
}

export async function getCredential(ctx: Pick<CredentialContext, 'db'>, caller: Caller, credentialId: string): Promise<CredentialView> {
  const row = await findCredential(ctx.db.kysely, caller.orgId, credentialId);
  if (!row || !mayRead(caller, row.user_id)) throw new AppError('NOT_FOUND', 'signing credential not found');
  return credentialView(row);
}
