import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../support/dialects.js';
import { ANONYMOUS, PASSWORD, startIdentityHarness, type IdentityHarness } from './support/identity-harness.js';

forEachDialect('identity: set-up and sign-in', (fx) => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await startIdentityHarness(fx);
  });
  afterAll(async () => h?.close());

  it('set-up created the organisation and its administrator, signed in', async () => {
    const res = await h.call(h.admin, 'GET', '/api/session');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'user', roles: ['administrator', 'member'], organisation: { name: 'Ville de Saint-Exemple', slug: 'ville-de-saint-exemple' } });
    expect(body.user).toMatchObject({ email: 'alice@ville.example', name: 'Alice Admin', hasPassword: true });
    expect(body.csrfToken).toBe(h.admin.csrf);
  });

  it('the set-up token works once', async () => {
    const token = new URL(h.server.setupLink!).searchParams.get('token');
    const res = await h.call(ANONYMOUS, 'POST', '/api/setup', { token, organisationName: 'Again', adminName: 'Mallory', adminEmail: 'm@x.example', password: PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SETUP_TOKEN_INVALID');
    const orgs = await h.server.ctx.db.kysely.selectFrom('organisations').select('name').execute();
    expect(orgs.map((o) => o.name)).toEqual(['Ville de Saint-Exemple']);
  });

  it('sign-in sets HttpOnly SameSite=Lax session and JS-readable CSRF cookies on Path=/', async () => {
    const res = await h.call(ANONYMOUS, 'POST', '/api/auth/login', { email: 'ALICE@ville.example', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const lines = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]);
    const session = lines.find((l) => l.startsWith('paraphe_session='))!;
    const csrf = lines.find((l) => l.startsWith('paraphe_csrf='))!;
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toMatch(/Secure/); // public URL is http in tests
    expect(csrf).not.toMatch(/HttpOnly/);
  });
});
