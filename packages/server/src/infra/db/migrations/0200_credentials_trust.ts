/** Signing credentials (personal certificates), departmental seals and their grants, the built-in CA's register of issued certificates and its CRLs. */
import type { Kysely } from 'kysely';

// Migrations are frozen history: they use Kysely<any> so later schema type changes never break them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  // Every certificate the built-in CA issued to a person or a seal: what OCSP and the CRL answer from.
  await db.schema
    .createTable('issued_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('serial_hex', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revocation_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('issued_certificates_issuer_serial', ['issuer', 'serial_hex'])
    .execute();

  await db.schema
    .createTable('crl_state')
    .addColumn('issuer', 'text', (c) => c.primaryKey())
    .addColumn('crl_number', 'integer', (c) => c.notNull())
    .addColumn('crl', 'text', (c) => c.notNull())
    .addColumn('this_update', 'text', (c) => c.notNull())
    .addColumn('next_update', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('signing_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('issued_certificate_id', 'text', (c) => c.references('issued_certificates.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('serial_hex', 'text', (c) => c.notNull())
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('chain_pem', 'text', (c) => c.notNull())
    .addColumn('encrypted_key', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failed_unlocks', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signing_credentials_user').on('signing_credentials').columns(['org_id', 'user_id']).execute();

  await db.schema
    .createTable('seals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    // The department while the seal is active, null once revoked: one active seal per department.
    .addColumn('active_department_id', 'text', (c) => c.unique())
    .addColumn('issued_certificate_id', 'text', (c) => c.notNull().references('issued_certificates.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('chain_pem', 'text', (c) => c.notNull())
    .addColumn('custody', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text')
    .addColumn('pkcs11_token_label', 'text')
    .addColumn('pkcs11_key_label', 'text')
    .addColumn('pkcs11_key_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('seal_grants')
    .addColumn('seal_id', 'text', (c) => c.notNull().references('seals.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('granted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('seal_grants_pk', ['seal_id', 'user_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['seal_grants', 'seals', 'signing_credentials', 'crl_state', 'issued_certificates']) {
    await db.schema.dropTable(table).execute();
  }
}
