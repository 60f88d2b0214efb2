/**
 * The CRLs of the built-in root and issuing CA: regenerated inside the transaction of every
 * revocation (so the published list never lags), and on request when the stored one nears
 * its nextUpdate. The CRL number increases with each regeneration.
 */
import { createCrl } from '@paraphe/pki';
import type { Kysely } from 'kysely';
import { isoTime } from '../../infra/clock.js';
import type { Database } from '../../infra/db/schema.js';
import type { BuiltinIssuer } from './credential-tables.js';
import type { CredentialContext } from './credential-context.js';
import { revokedEntries } from './certificate-register.js';

/** A CRL is valid this long; relying parties fetch a new one at the latest then. */
export const CRL_VALIDITY_MS = 24 * 3_600_000;
/** Served CRLs are refreshed when less than this remains before their nextUpdate. */
const REFRESH_MARGIN_MS = 6 * 3_600_000;

function identity(ctx: Pick<CredentialContext, 'pki'>, issuer: BuiltinIssuer) {
  return issuer === 'ca' ? ctx.pki.ca : ctx.pki.root;
}

/** Builds, signs and stores a new CRL for `issuer`; `db` is the revocation's transaction or the database. */
export async function regenerateCrl(db: Kysely<Database>, ctx: Pick<CredentialContext, 'pki' | 'clock'>, issuer: BuiltinIssuer): Promise<Uint8Array> {
  const now = ctx.clock();
  const previous = await db.selectFrom('crl_state').select('crl_number').where('issuer', '=', issuer).executeTakeFirst();
  const crlNumber = (previous?.crl_number ?? 0) + 1;
  const ca = identity(ctx, issuer);
  const crl = await createCrl({
    issuer: { certificate: ca.certificate, signer: ca.signer },
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + CRL_VALIDITY_MS),
    revoked: await revokedEntries(db, issuer),
    crlNumber,
  });
  const row = {
    crl_number: crlNumber,
    crl: Buffer.from(crl).toString('base64'),
    this_update: isoTime(now),
    next_update: isoTime(new Date(now.getTime() + CRL_VALIDITY_MS)),
  };
  if (previous) await db.updateTable('crl_state').set(row).where('issuer', '=', issuer).execute();
  else await db.insertInto('crl_state').values({ issuer, ...row }).onConflict((oc) => oc.column('issuer').doUpdateSet(row)).execute();
  return crl;
}

/** The CRL to publish now: the stored one, or a fresh one when none exists or it is about to expire. */
export async function currentCrl(ctx: Pick<CredentialContext, 'pki' | 'clock' | 'db'>, issuer: BuiltinIssuer): Promise<Uint8Array> {
  const row = await ctx.db.kysely.selectFrom('crl_state').select(['crl', 'next_update']).where('issuer', '=', issuer).executeTakeFirst();
  if (row && new Date(row.next_update).getTime() - ctx.clock().getTime() > REFRESH_MARGIN_MS) return new Uint8Array(Buffer.from(row.crl, 'base64'));
  return ctx.db.kysely.transaction().execute((trx) => regenerateCrl(trx, ctx, issuer));
}
