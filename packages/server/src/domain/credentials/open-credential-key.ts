/**
 * Opens a credential's private key with the holder's signing password, counting wrong
 * passwords: after MAX_FAILED_UNLOCKS in a row the credential locks for UNLOCK_LOCKOUT_MS
 * (KEY_LOCKED), whatever password comes next. Failures are committed even though the call fails.
 */
import { derFromInput, parseCertificate, pemBlocks } from '@paraphe/pki';
import type { KeyObject } from 'node:crypto';
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import type { SigningCredentialsTable } from './credential-tables.js';
import { auditCredential, type CredentialContext } from './credential-context.js';
import type { Actor } from '../identity/identity-context.js';
import { decryptSigningKey } from './signing-key-protection.js';
import { MAX_FAILED_UNLOCKS, UNLOCK_LOCKOUT_MS } from './signing-password-policy.js';

export interface OpenedCredential {
  readonly row: SigningCredentialsTable;
  readonly privateKey: KeyObject;
  readonly certificate: Uint8Array;
  readonly chain: Uint8Array[];
}

export interface OpenCredentialKeyOptions {
  readonly orgId: string;
  /** The holder: only they know the password, and only their credentials open. */
  readonly userId: string;
  readonly credentialId: string;
  readonly password: string;
  readonly actor: Actor;
}

export async function openCredentialKey(ctx: CredentialContext, o: OpenCredentialKeyOptions): Promise<OpenedCredential> {
  const db = ctx.db.kysely;
  const row = await db.selectFrom('signing_credentials').selectAll().where('id', '=', o.credentialId).where('org_id', '=', o.orgId).executeTakeFirst();
  if (!row || row.user_id !== o.userId) throw new AppError('NOT_FOUND', 'signing credential not found');
  if (row.status === 'revoked') throw new AppError('CERTIFICATE_REVOKED', 'this certificate was revoked', { revokedAt: row.revoked_at });
  const now = ctx.clock();
  if (row.locked_until && row.locked_until > isoTime(now)) {
    throw new AppError('KEY_LOCKED', 'too many wrong signing passwords; try again later', { lockedUntil: row.locked_until });
  }
  const certificate = derFromInput(row.certificate_pem);
  try {
    const privateKey = await decryptSigningKey(Buffer.from(row.encrypted_key, 'base64'), o.password, parseCertificate(certificate).spki);
    if (row.failed_unlocks > 0 || row.locked_until) {
      await db.updateTable('signing_credentials').set({ failed_unlocks: 0, locked_until: null, updated_at: isoTime(now) }).where('id', '=', row.id).execute();
    }
    return { row, privateKey, certificate, chain: pemBlocks(row.chain_pem, 'CERTIFICATE') };
  } catch (error) {
    if (error instanceof AppError && error.code === 'KEY_BAD_PASSWORD') await countFailure(ctx, row.id, o, now);
    throw error;
  }
}

async function countFailure(ctx: CredentialContext, id: string, o: OpenCredentialKeyOptions, now: Date): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('signing_credentials').select('failed_unlocks').where('id', '=', id).executeTakeFirstOrThrow();
    const failures = current.failed_unlocks + 1;
    const lock = failures >= MAX_FAILED_UNLOCKS;
    await trx
      .updateTable('signing_credentials')
      .set({ failed_unlocks: lock ? 0 : failures, ...(lock ? { locked_until: isoTime(new Date(now.getTime() + UNLOCK_LOCKOUT_MS)) } : {}), updated_at: isoTime(now) })
      .where('id', '=', id)
      .execute();
    if (lock) {
      await auditCredential(trx, ctx, { orgId: o.orgId, actor: o.actor, action: 'credential.locked', target: { type: 'signing_credential', id }, details: { failures } });
    }
  });
}
