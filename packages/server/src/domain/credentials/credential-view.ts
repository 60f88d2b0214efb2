/** What clients see of a signing credential: the certificate and its state, never the key. */
import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/schema.js';
import type { SigningCredentialsTable } from './credential-tables.js';

export interface CredentialView {
  readonly id: string;
  readonly userId: string;
  readonly source: 'issued' | 'imported';
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly status: 'active' | 'revoked';
  readonly revokedAt: string | null;
  readonly lockedUntil: string | null;
  /** PEM of the certificate, then of its chain (issuer first). */
  readonly certificatePem: string;
  readonly chainPem: string;
  readonly createdAt: string;
}

export function credentialView(row: SigningCredentialsTable): CredentialView {
  return {
    id: row.id,
    userId: row.user_id,
    source: row.source,
    subject: row.subject,
    issuer: row.issuer_name,
    serial: row.serial_hex,
    notBefore: row.not_before,
    notAfter: row.not_after,
    status: row.status,
    revokedAt: row.revoked_at,
    lockedUntil: row.locked_until,
    certificatePem: row.certificate_pem,
    chainPem: row.chain_pem,
    createdAt: row.created_at,
  };
}

/** The credential row when it belongs to the organisation, else undefined (other organisations' ids look unknown). */
export async function findCredential(db: Kysely<Database>, orgId: string, credentialId: string): Promise<SigningCredentialsTable | undefined> {
  return db.selectFrom('signing_credentials').selectAll().where('org_id', '=', orgId).where('id', '=', credentialId).executeTakeFirst();
}
