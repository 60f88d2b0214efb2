/** The holder changes their signing password: the key is re-encrypted under the new one (fresh salt). */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import type { Caller } from '../identity/identity-context.js';
import { auditCredential, type CredentialContext } from './credential-context.js';
import { openCredentialKey } from './open-credential-key.js';
import { encryptSigningKey } from './signing-key-protection.js';
import { checkNewSigningPassword } from './signing-password-policy.js';

export interface ChangeSigningPasswordOptions {
  readonly caller: Caller;
  readonly credentialId: string;
  readonly oldPassword: string;
  readonly newPassword: string;
}

export async function changeSigningPassword(ctx: CredentialContext, options: ChangeSigningPasswordOptions): Promise<void> {
  const { caller } = options;
  if (caller.type !== 'user' || !caller.id) throw new AppError('FORBIDDEN', 'only the holder can change a signing password');
  checkNewSigningPassword(options.newPassword, 'newPassword');
  const opened = await openCredentialKey(ctx, { orgId: caller.orgId, userId: caller.id, credentialId: options.credentialId, password: options.oldPassword, actor: caller });
  const encrypted = await encryptSigningKey(opened.privateKey, options.newPassword, ctx.ids.random);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const now = ctx.clock();
    await trx
      .updateTable('signing_credentials')
      .set({ encrypted_key: Buffer.from(encrypted).toString('base64'), failed_unlocks: 0, locked_until: null, updated_at: isoTime(now) })
      .where('id', '=', opened.row.id)
      .execute();
    await auditCredential(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'credential.password_changed', target: { type: 'signing_credential', id: opened.row.id } });
  });
}
