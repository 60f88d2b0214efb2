/**
 * Verifies the audit chains of a platform database without starting the server and without
 * changing anything (no migrations): what `paraphe audit verify` runs.
 */
import { derFromInput } from '@paraphe/pki';
import type { DatabaseConfig } from '../../config/config.js';
import { openDatabase } from '../../infra/db/database.js';
import { verifyAuditChain, type AuditVerification } from './verify-audit-chain.js';

export interface VerifyStoredAuditOptions {
  readonly database: DatabaseConfig;
  readonly orgId?: string;
  /**
   * The TSA certificate anchors must be signed with, kept outside the database; default: the
   * one in the database (which someone able to rewrite the database could also replace).
   */
  readonly tsaCertificate?: Uint8Array;
}

export async function verifyStoredAudit(options: VerifyStoredAuditOptions): Promise<AuditVerification> {
  const db = openDatabase(options.database, { readonly: true });
  try {
    const stored = await db.kysely.selectFrom('pki_material').select('certificate_pem').where('role', '=', 'tsa').executeTakeFirst();
    const tsaCertificate = options.tsaCertificate ?? (stored ? derFromInput(stored.certificate_pem) : undefined);
    return await verifyAuditChain(db.kysely, {
      ...(options.orgId !== undefined ? { orgId: options.orgId } : {}),
      ...(tsaCertificate ? { tsaCertificate } : {}),
    });
  } finally {
    await db.close();
  }
}
