/**
 * The signing use cases' way to a departmental seal: checks that the seal is active and that
 * an administrator granted the acting person the right to apply it, records the use in the
 * audit chain (committed before any signature is made), and returns a Signer.
 */
import { pemBlocks, derFromInput } from '@paraphe/pki';
import { AppError } from '../../errors.js';
import { openSealSigner, type SealKeyReference, type SealSigner } from '../../infra/keys/seal-key-custody.js';
import type { Actor } from '../identity/identity-context.js';
import { auditCredential, type CredentialContext } from './credential-context.js';
import type { SealsTable } from './credential-tables.js';
import { findSeal } from './seal-view.js';

export interface UnlockSealSignerOptions {
  readonly orgId: string;
  readonly sealId: string;
  /** The person applying the seal (type 'user'). */
  readonly actor: Actor;
  /** What the seal is applied to, for the audit trail (e.g. a document). */
  readonly target?: { readonly type: string; readonly id: string };
  readonly purpose?: string;
}

function reference(row: SealsTable): SealKeyReference {
  if (row.custody === 'server' && row.wrapped_key) return { custody: 'server', wrappedKey: row.wrapped_key };
  if (row.custody === 'pkcs11' && row.pkcs11_token_label && row.pkcs11_key_label && row.pkcs11_key_id) {
    return { custody: 'pkcs11', tokenLabel: row.pkcs11_token_label, keyLabel: row.pkcs11_key_label, keyIdHex: row.pkcs11_key_id };
  }
  throw new AppError('INTERNAL', `seal ${row.id} has no usable key reference`);
}

export async function unlockSealSigner(ctx: CredentialContext, options: UnlockSealSignerOptions): Promise<SealSigner> {
  const { actor } = options;
  if (actor.type !== 'user' || !actor.id) throw new AppError('FORBIDDEN', 'a seal is applied by a person');
  const userId = actor.id;
  const seal = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await findSeal(trx, options.orgId, options.sealId);
    if (!row) throw new AppError('NOT_FOUND', 'seal not found');
    if (row.status !== 'active') throw new AppError('CERTIFICATE_REVOKED', 'this seal was revoked');
    const grant = await trx.selectFrom('seal_grants').select('user_id').where('seal_id', '=', row.id).where('user_id', '=', userId).executeTakeFirst();
    if (!grant) throw new AppError('FORBIDDEN', 'you may not apply this seal');
    await auditCredential(trx, ctx, {
      orgId: options.orgId,
      actor,
      action: 'seal.used',
      target: { type: 'seal', id: row.id },
      details: { serial: row.serial_hex, ...(options.target ? { on: options.target } : {}), ...(options.purpose ? { purpose: options.purpose } : {}) },
    });
    return row;
  });
  return openSealSigner(
    { keyWrap: ctx.keyWrap, ...(ctx.config.pkcs11 ? { pkcs11: ctx.config.pkcs11 } : {}) },
    seal.id,
    reference(seal),
    derFromInput(seal.certificate_pem),
    pemBlocks(seal.chain_pem, 'CERTIFICATE'),
  );
}
