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
}

export async function verifyStoredAudit(options: VerifyStoredAuditOptions): Promise<AuditVerification> {
  const db = openDatabase(options.database, { readonly: true });
  try {
    const tsa = await db.kysely.selectFrom('pki_material').select('certificate_pem').where('role', '=', 'tsa').executeTakeFirst();
    return await verifyAuditChain(db.kysely, {
      ...(options.orgId !== undefined ? { orgId: options.orgId } : {}),
      ...(tsa ? { tsaCertificate: derFromInput(tsa.certificate_pem) } : {}),
    });
  } finally {
    await db.close();
  }
}
