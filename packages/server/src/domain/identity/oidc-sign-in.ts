/**
 * Staff sign-on through the organisation's OpenID provider. Starting records the flow (state,
 * nonce, PKCE verifier) bound to a random browser cookie; completing consumes that record once,
 * redeems the code, and matches the person by email within the organisation, creating a member
 * account when the organisation allows it.
 */
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { createSession, type NewSession } from './create-session.js';
import { insertUser } from './create-user.js';
import { findOrganisation } from './find-organisation.js';
import { auditIdentity } from './identity-audit.js';
import type { Actor, IdentityContext } from './identity-context.js';
import type { OidcRelyingParty } from './oidc-client.js';
import { readOrganisation } from './read-organisation.js';
import { hashSecret, newSecret } from './secret-token.js';

const FLOW_LIFETIME_MS = 10 * 60_000;

export async function startOidcSignIn(
  ctx: IdentityContext,
  party: OidcRelyingParty,
  options: { organisation?: string; returnTo?: string },
): Promise<{ authorizationUrl: URL; browserSecret: string }> {
  const org = await findOrganisation(ctx.db.kysely, options.organisation);
  const random = (n: number) => ctx.ids.random(n);
  const flow = { state: newSecret(random), nonce: newSecret(random), codeVerifier: newSecret(random) };
  const browserSecret = newSecret(random);
  const now = ctx.clock();
  await ctx.db.kysely
    .insertInto('oidc_flows')
    .values({
      id: ctx.ids.id(),
      browser_hash: hashSecret(browserSecret),
      org_id: org.id,
      state: flow.state,
      nonce: flow.nonce,
      code_verifier: flow.codeVerifier,
      return_to: safeReturnPath(options.returnTo),
      created_at: isoTime(now),
      expires_at: isoTime(new Date(now.getTime() + FLOW_LIFETIME_MS)),
    })
    .execute();
  return { authorizationUrl: await party.authorizationUrl(flow), browserSecret };
}

export async function completeOidcSignIn(
  ctx: IdentityContext,
  party: OidcRelyingParty,
  options: { browserSecret: string | undefined; callbackUrl: URL; actor: Actor },
): Promise<NewSession & { userId: string; orgId: string; returnTo: string }> {
  if (!options.browserSecret) throw new AppError('UNAUTHENTICATED', 'sign-on was not started from this browser');
  const db = ctx.db.kysely;
  const flow = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('oidc_flows').selectAll().where('browser_hash', '=', hashSecret(options.browserSecret!)).executeTakeFirst();
    if (row) await trx.deleteFrom('oidc_flows').where('id', '=', row.id).execute();
    return row;
  });
  if (!flow || flow.expires_at <= isoTime(ctx.clock())) throw new AppError('UNAUTHENTICATED', 'sign-on was not started from this browser or took too long');
  let identity;
  try {
    identity = await party.redeem(options.callbackUrl, { state: flow.state, nonce: flow.nonce, codeVerifier: flow.code_verifier });
  } catch (error) {
    throw new AppError('UNAUTHENTICATED', `the identity provider's answer was refused: ${error instanceof Error ? error.message : String(error)}`);
  }
  const email = identity.email?.trim().toLowerCase();
  if (!email || identity.emailVerified === false) throw new AppError('FORBIDDEN', 'the identity provider gave no verified email address');
  const linked = await db.selectFrom('users').select(['id', 'oidc_subject']).where('org_id', '=', flow.org_id).where('email', '=', email).executeTakeFirst();
  if (linked && linked.oidc_subject !== null && linked.oidc_subject !== identity.subject) {
    await db.transaction().execute((trx) =>
      auditIdentity(trx, ctx, { orgId: flow.org_id, actor: options.actor, action: 'identity.sign_in.refused', target: { type: 'user', id: linked.id }, details: { reason: 'oidc_subject_mismatch' } }),
    );
    throw new AppError('FORBIDDEN', 'this account is linked to another identity at the provider');
  }
  return db.transaction().execute(async (trx) => {
    const now = ctx.clock();
    let user = await trx.selectFrom('users').select(['id', 'status', 'oidc_subject']).where('org_id', '=', flow.org_id).where('email', '=', email).executeTakeFirst();
    if (user && user.oidc_subject !== null && user.oidc_subject !== identity.subject) throw new AppError('FORBIDDEN', 'this account is linked to another identity at the provider');
    if (!user) {
      const org = await readOrganisation(trx, flow.org_id);
      if (!org.oidcJustInTime) throw new AppError('FORBIDDEN', 'no account for this email in the organisation; ask an administrator');
      const created = await insertUser(ctx, trx, { caller: { ...options.actor, orgId: flow.org_id, roles: [] }, email, name: identity.name || email, roles: ['member'] }, null, identity.subject);
      user = { id: created.id, status: 'active', oidc_subject: identity.subject };
    }
    if (user.status !== 'active') throw new AppError('FORBIDDEN', 'this account is disabled');
    if (user.oidc_subject === null) {
      await trx.updateTable('users').set({ oidc_subject: identity.subject, updated_at: isoTime(now) }).where('id', '=', user.id).execute();
      await auditIdentity(trx, ctx, { orgId: flow.org_id, actor: options.actor, action: 'identity.user.oidc_linked', target: { type: 'user', id: user.id } });
    }
    const session = await createSession(ctx, trx, { userId: user.id, orgId: flow.org_id, method: 'oidc', actor: options.actor });
    return { ...session, userId: user.id, orgId: flow.org_id, returnTo: flow.return_to };
  });
}

/** Only same-site paths: an open redirect after sign-on would hand phishers a trusted link. */
function safeReturnPath(path: string | undefined): string {
  return path && /^\/(?![/\\])[\x21-\x7e]*$/.test(path) ? path : '/';
}
