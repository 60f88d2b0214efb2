/**
 * A person brings a certificate from another CA (a commercial one) as a PKCS#12 file: its key
 * is re-wrapped under their signing password and stored like an issued one; the file itself
 * and its password are not kept.
 */
import { loadPkcs12, parseCertificate, PkiError, type LoadedPkcs12 } from '@paraphe/pki';
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import type { Caller } from '../identity/identity-context.js';
import { auditCredential, type CredentialContext } from './credential-context.js';
import { credentialView, type CredentialView } from './credential-view.js';
import { encryptSigningKey } from './signing-key-protection.js';
import { checkNewSigningPassword } from './signing-password-policy.js';
import { storeSigningCredential } from './store-signing-credential.js';

export interface ImportPkcs12CredentialOptions {
  readonly caller: Caller;
  readonly pkcs12: Uint8Array;
  readonly pkcs12Password: string;
  readonly signingPassword: string;
}

function readPkcs12(bytes: Uint8Array, password: string): LoadedPkcs12 {
  try {
    return loadPkcs12(bytes, password);
  } catch (error) {
    if (error instanceof PkiError) {
      const reason = error.code === 'P12_BAD_PASSWORD' ? 'wrong PKCS#12 password' : `unreadable PKCS#12 file: ${error.message}`;
      throw new AppError('P12_INVALID', reason, { reason: error.code });
    }
    throw error;
  }
}

export async function importPkcs12Credential(ctx: CredentialContext, options: ImportPkcs12CredentialOptions): Promise<CredentialView> {
  const { caller } = options;
  if (caller.type !== 'user' || !caller.id) throw new AppError('FORBIDDEN', 'only a person can import a signing certificate');
  checkNewSigningPassword(options.signingPassword);
  const userId = caller.id;
  const loaded = readPkcs12(options.pkcs12, options.pkcs12Password);
  const parsed = parseCertificate(loaded.certificate);
  const now = ctx.clock();
  if (parsed.notAfter.getTime() <= now.getTime()) {
    throw new AppError('P12_INVALID', `the certificate expired on ${isoTime(parsed.notAfter)}`, { reason: 'EXPIRED' });
  }
  if (parsed.keyUsage && !parsed.keyUsage.includes('digitalSignature') && !parsed.keyUsage.includes('nonRepudiation')) {
    throw new AppError('P12_INVALID', 'the certificate is not meant for signatures (key usage)', { reason: 'KEY_USAGE' });
  }
  const encrypted = await encryptSigningKey(loaded.privateKey, options.signingPassword, ctx.ids.random);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).where('org_id', '=', caller.orgId).executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    const row = await storeSigningCredential(trx, ctx, {
      orgId: caller.orgId,
      userId,
      source: 'imported',
      issuedCertificateId: null,
      certificate: loaded.certificate,
      chain: loaded.chain,
      encryptedKey: encrypted,
      now,
    });
    await auditCredential(trx, ctx, {
      orgId: caller.orgId,
      actor: caller,
      action: 'credential.imported',
      target: { type: 'signing_credential', id: row.id },
      details: { subject: parsed.subject, issuer: parsed.issuer, serial: parsed.serialHex },
    });
    return credentialView(row);
  });
}
