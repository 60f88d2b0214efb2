/** What clients see of a departmental seal: its certificate, custody and state, and whether the caller may apply it. */
import type { Kysely } from 'kysely';
import type { Database } from '../../infra/db/schema.js';
import type { SealsTable } from './credential-tables.js';

export interface SealView {
  readonly id: string;
  readonly departmentId: string;
  readonly subject: string;
  readonly serial: string;
  readonly custody: 'server' | 'pkcs11';
  readonly status: 'active' | 'revoked';
  readonly revokedAt: string | null;
  readonly certificatePem: string;
  readonly chainPem: string;
  readonly createdAt: string;
}

export function sealView(row: SealsTable, serial: string): SealView {
  return {
    id: row.id,
    departmentId: row.department_id,
    subject: row.subject,
    serial,
    custody: row.custody,
    status: row.status,
    revokedAt: row.revoked_at,
    certificatePem: row.certificate_pem,
    chainPem: row.chain_pem,
    createdAt: row.created_at,
  };
}

/** The seal row with its serial, when it belongs to the organisation (other organisations' ids look unknown). */
export async function findSeal(db: Kysely<Database>, orgId: string, sealId: string): Promise<(SealsTable & { serial_hex: string }) | undefined> {
  return db
    .selectFrom('seals')
    .innerJoin('issued_certificates', 'issued_certificates.id', 'seals.issued_certificate_id')
    .selectAll('seals')
    .select('issued_certificates.serial_hex')
    .where('seals.org_id', '=', orgId)
    .where('seals.id', '=', sealId)
    .executeTakeFirst();
}
