/**
 * Stores a new signing credential (a certificate with its key encrypted under the holder's
 * signing password), whether the platform issued it or the holder imported it.
 */
import { parseCertificate, toPem } from '@paraphe/pki';
import { isoTime } from '../../infra/clock.js';
import type { CredentialContext, Tx } from './credential-context.js';

export interface StoreSigningCredentialOptions {
  readonly orgId: string;
  readonly userId: string;
  readonly source: 'issued' | 'imported';
  readonly issuedCertificateId: string | null;
  readonly certificate: Uint8Array;
  readonly chain: readonly Uint8Array[];
  readonly encryptedKey: Uint8Array;
  readonly now: Date;
}

export async function storeSigningCredential(trx: Tx, ctx: CredentialContext, o: StoreSigningCredentialOptions) {
  const parsed = parseCertificate(o.certificate);
  const row = {
    id: ctx.ids.id(),
    org_id: o.orgId,
    user_id: o.userId,
    source: o.source,
    issued_certificate_id: o.issuedCertificateId,
    subject: parsed.subject,
    issuer_name: parsed.issuer,
    serial_hex: parsed.serialHex,
    certificate_pem: toPem(o.certificate),
    chain_pem: o.chain.map((c) => toPem(c)).join(''),
    encrypted_key: Buffer.from(o.encryptedKey).toString('base64'),
    not_before: isoTime(parsed.notBefore),
    not_after: isoTime(parsed.notAfter),
    status: 'active' as const,
    failed_unlocks: 0,
    locked_until: null,
    revoked_at: null,
    created_at: isoTime(o.now),
    updated_at: isoTime(o.now),
  };
  await trx.insertInto('signing_credentials').values(row).execute();
  return row;
}
