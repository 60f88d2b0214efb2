/**
 * The built-in CA's register of the certificates it issued to people and seals: what the CRL
 * lists and what OCSP answers. A revocation is one row update, so both services see it at once.
 */
import { parseCertificate, toPem, type OcspCertStatus, type RevocationReason } from '@paraphe/pki';
import type { Kysely } from 'kysely';
import { isoTime } from '../../infra/clock.js';
import type { Database } from '../../infra/db/schema.js';
import type { BuiltinIssuer, IssuedKind } from './credential-tables.js';
import type { CredentialContext, Tx } from './credential-context.js';

/** Certificates for people and seals last three years; relying parties tolerate an hour of clock skew. */
const VALIDITY_MS = 3 * 365 * 86_400_000;
const SKEW_MS = 3_600_000;

/** The validity period of a certificate the built-in CA issues at `now`. */
export function issuedValidity(now: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(now.getTime() - SKEW_MS);
  return { notBefore, notAfter: new Date(notBefore.getTime() + VALIDITY_MS) };
}

export async function registerIssuedCertificate(
  trx: Tx,
  ctx: Pick<CredentialContext, 'clock' | 'ids'>,
  entry: { orgId: string; kind: IssuedKind; certificate: Uint8Array; issuer?: BuiltinIssuer },
): Promise<string> {
  const parsed = parseCertificate(entry.certificate);
  const id = ctx.ids.id();
  await trx
    .insertInto('issued_certificates')
    .values({
      id,
      issuer: entry.issuer ?? 'ca',
      serial_hex: parsed.serialHex,
      org_id: entry.orgId,
      kind: entry.kind,
      subject: parsed.subject,
      certificate_pem: toPem(entry.certificate),
      not_after: isoTime(parsed.notAfter),
      revoked_at: null,
      revocation_reason: null,
      created_at: isoTime(ctx.clock()),
    })
    .execute();
  return id;
}

/** Marks a register entry revoked (idempotent: the first revocation time stays). */
export async function revokeIssuedCertificate(trx: Tx, id: string, reason: RevocationReason, when: Date): Promise<void> {
  await trx
    .updateTable('issued_certificates')
    .set({ revoked_at: isoTime(when), revocation_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** OCSP status of a serial of a built-in issuer: good, revoked (with time and reason) or unknown (never issued here). */
export async function issuedCertificateStatus(db: Kysely<Database>, issuer: BuiltinIssuer, serialHex: string): Promise<OcspCertStatus> {
  const row = await db
    .selectFrom('issued_certificates')
    .select(['revoked_at', 'revocation_reason'])
    .where('issuer', '=', issuer)
    .where('serial_hex', '=', serialHex.toLowerCase())
    .executeTakeFirst();
  if (!row) return { status: 'unknown' };
  if (!row.revoked_at) return { status: 'good' };
  return { status: 'revoked', time: new Date(row.revoked_at), reason: (row.revocation_reason ?? 'unspecified') as RevocationReason };
}

export async function revokedEntries(db: Kysely<Database>, issuer: BuiltinIssuer): Promise<{ serial: string; date: Date; reason: RevocationReason }[]> {
  const rows = await db
    .selectFrom('issued_certificates')
    .select(['serial_hex', 'revoked_at', 'revocation_reason'])
    .where('issuer', '=', issuer)
    .where('revoked_at', 'is not', null)
    .orderBy('revoked_at')
    .execute();
  return rows.map((r) => ({ serial: r.serial_hex, date: new Date(r.revoked_at as string), reason: (r.revocation_reason ?? 'unspecified') as RevocationReason }));
}
