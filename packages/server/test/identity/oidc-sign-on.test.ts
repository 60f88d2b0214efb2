/**
 * Staff sign-on against a real OpenID provider (oidc-provider) on loopback: the browser is a
 * cookie-keeping HTTP client that follows every redirect between the application and the
 * provider, and types the account name into the provider's login form.
 */
import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../support/dialects.js';
import { CookieClient, type ClientResponse } from './support/cookie-client.js';
import { startIdentityHarness, type IdentityHarness } from './support/identity-harness.js';
import { listenOidcProvider, type TestOidcProvider } from './support/oidc-provider-server.js';

const ACCOUNTS = {
  staff: { email: 'Staff@Ville.example', name: 'Sam Staff' },
  newcomer: { email: 'newcomer@ville.example', name: 'Nina Newcomer' },
  unverified: { email: 'unverified@ville.example', name: 'Ursula', emailVerified: false },
  impostor: { email: 'linked@ville.example', name: 'Imposter' },
  linked: { email: 'linked@ville.example', name: 'Linda Linked' },
};

forEachDialect('identity: OIDC sign-on', (fx) => {
  let provider: TestOidcProvider;
  let h: IdentityHarness;
  let app: string;

  beforeAll(async () => {
    provider = await listenOidcProvider(ACCOUNTS);
    const port = await freePort();
    app = `http://127.0.0.1:${port}`;
    h = await startIdentityHarness(fx, {
      env: { PORT: String(port), PARAPHE_PUBLIC_URL: app, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret },
    });
    provider.start([`${app}/api/auth/oidc/callback`]);
    await h.server.listen();
  });
  afterAll(async () => {
    await h?.close();
    await provider?.close();
  });

  const atApp = (url: URL) => url.origin === app;
  /** Starts sign-on and signs in at the provider; returns the response that redirects to our callback. */
  async function toCallback(browser: CookieClient, account: string): Promise<URL> {
    const form = await browser.follow(`${app}/api/auth/oidc/start`);
    expect(form.status).toBe(200);
    const action = /action="([^"]+)"/.exec(form.text)?.[1];
    expect(action).toBeDefined();
    const answer = await browser.follow(new URL(action!, form.url).href, atApp, {
      method: 'POST',
      body: new URLSearchParams({ login: account }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const callback = new URL(answer.headers.get('location')!, answer.url);
    expect(callback.pathname).toBe('/api/auth/oidc/callback');
    return callback;
  }
  async function signOn(browser: CookieClient, account: string): Promise<ClientResponse> {
    return browser.request((await toCallback(browser, account)).href);
  }
  const session = (browser: CookieClient) => browser.request(`${app}/api/session`);
  const userCount = async () => (await h.server.ctx.db.kysely.selectFrom('users').select('id').execute()).length;

  it('signs in a known staff member by email (code flow with PKCE); the account is linked and the session audited', async () => {
    const created = await h.call(h.admin, 'POST', '/api/users', { email: 'staff@ville.example', name: 'Sam Staff', roles: ['clerk', 'member'] });
    expect(created.statusCode).toBe(201);
    const browser = new CookieClient();
    const start = await browser.request(`${app}/api/auth/oidc/start`);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();

    const real = new CookieClient();
    const back = await signOn(real, 'staff');
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/');
    const me = await session(real);
    expect(me.status).toBe(200);
    expect(me.json<{ user: { id: string; email: string }; roles: string[] }>()).toMatchObject({ user: { email: 'staff@ville.example' }, roles: ['clerk', 'member'] });
    const userId = created.json().id as string;
    const row = await h.server.ctx.db.kysely.selectFrom('users').select('oidc_subject').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row.oidc_subject).toBe('staff');
    const events = await h.server.ctx.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('org_id', '=', h.orgId).where('actor_id', '=', userId).execute();
    expect(events.some((e) => e.action === 'identity.session.started' && e.details.includes('"oidc"'))).toBe(true);
  });

  it('an unknown email is refused (403) without creating an account while just-in-time creation is off', async () => {
    const before = await userCount();
    const res = await signOn(new CookieClient(), 'newcomer');
    expect(res.status).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    expect(await userCount()).toBe(before);
  });

  it('with just-in-time creation on, an unknown staff email becomes a member account', async () => {
    expect((await h.call(h.admin, 'PATCH', '/api/orgs/current', { oidcJustInTime: true })).statusCode).toBe(200);
    const browser = new CookieClient();
    expect((await signOn(browser, 'newcomer')).status).toBe(302);
    const me = (await session(browser)).json<{ user: { email: string; name: string; roles: string[]; hasPassword: boolean } }>();
    expect(me.user).toMatchObject({ email: 'newcomer@ville.example', name: 'Nina Newcomer', roles: ['member'], hasPassword: false });
  });

  it('an unverified email is refused', async () => {
    const res = await signOn(new CookieClient(), 'unverified');
    expect(res.status).toBe(403);
  });

  it('a tampered state is refused and opens no session', async () => {
    const browser = new CookieClient();
    const callback = await toCallback(browser, 'staff');
    callback.searchParams.set('state', 'A'.repeat(43));
    const res = await browser.request(callback.href);
    expect(res.status).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
    expect(browser.cookie('paraphe_session')).toBeUndefined();
  });

  it('a callback in another browser (no flow cookie) is refused, and a replayed callback too', async () => {
    const browser = new CookieClient();
    const callback = await toCallback(browser, 'staff');
    const stranger = await new CookieClient().request(callback.href);
    expect(stranger.status).toBe(401);
    expect((await browser.request(callback.href)).status).toBe(302);
    const replay = await browser.request(callback.href);
    expect(replay.status).toBe(401);
  });

  it('an account linked to one provider subject refuses another subject with the same email', async () => {
    expect((await signOn(new CookieClient(), 'linked')).status).toBe(302); // just-in-time, linked to "linked"
    const res = await signOn(new CookieClient(), 'impostor');
    expect(res.status).toBe(403);
  });

  it('sign-on is 404 NOT_FOUND when OIDC is not configured', async () => {
    const other = await startIdentityHarness(fx);
    try {
      const res = await other.call({ kind: 'anonymous' }, 'GET', '/api/auth/oidc/start');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    } finally {
      await other.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
