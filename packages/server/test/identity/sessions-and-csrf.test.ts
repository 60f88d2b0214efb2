import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { manualClock } from '../../src/infra/clock.js';
import { forEachDialect } from '../support/dialects.js';
import { ANONYMOUS, PASSWORD, startIdentityHarness, type IdentityHarness } from './support/identity-harness.js';
import { orgSnapshot } from './support/org-snapshot.js';

forEachDialect('identity: sessions, CSRF and lockout', (fx) => {
  const clock = manualClock('2026-03-02T08:00:00.000Z');
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await startIdentityHarness(fx, { deps: { clock } });
  });
  afterAll(async () => h?.close());
  // Tests move the clock past session lifetimes: each starts with a fresh administrator session.
  let admin: Awaited<ReturnType<IdentityHarness['signIn']>>;
  beforeEach(async () => {
    admin = await h.signIn('alice@ville.example');
    h.admin = admin;
  });

  const departmentCount = async () => (await h.server.ctx.db.kysely.selectFrom('departments').select('id').where('org_id', '=', h.orgId).execute()).length;

  it('a cookie-authenticated change without X-CSRF-Token, or with a wrong one, is 403 CSRF_FAILED and stores nothing', async () => {
    const before = await orgSnapshot(h.server, h.orgId);
    const missing = await h.server.app.inject({ method: 'POST', url: '/api/departments', headers: { cookie: admin.cookie }, payload: { name: 'Loisirs' } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_FAILED');
    const wrong = await h.call(admin, 'POST', '/api/departments', { name: 'Loisirs' }, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CSRF_FAILED');
    expect(await orgSnapshot(h.server, h.orgId)).toBe(before);
    const right = await h.call(admin, 'POST', '/api/departments', { name: 'Loisirs' });
    expect(right.statusCode).toBe(201);
  });

  it('signing in again from a browser that still has a session needs no CSRF token (public route, served anonymously)', async () => {
    const res = await h.server.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: admin.cookie }, payload: { email: 'alice@ville.example', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
  });

  it("another session's CSRF token does not work with this session's cookie", async () => {
    const other = await h.signIn('alice@ville.example');
    const res = await h.call(admin, 'POST', '/api/departments', { name: 'Urbanisme' }, { 'x-csrf-token': other.csrf });
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('reads need no CSRF token; bearer API tokens need none for changes', async () => {
    const list = await h.server.app.inject({ method: 'GET', url: '/api/departments', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    const created = await h.call(admin, 'POST', '/api/tokens', { name: 'ERP', roles: ['administrator'] });
    const token = created.json().token as string;
    expect(token).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    const res = await h.server.app.inject({ method: 'POST', url: '/api/departments', headers: { authorization: `Bearer ${token}` }, payload: { name: 'Communications' } });
    expect(res.statusCode).toBe(201);
    const stored = await h.server.ctx.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', created.json().apiToken.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token.slice(3)); // only the hash and a short hint are kept
    const listed = await h.call(admin, 'GET', '/api/tokens');
    expect(listed.body).not.toContain(token);
  });

  it('a revoked API token is refused at once', async () => {
    const created = (await h.call(admin, 'POST', '/api/tokens', { name: 'Old', roles: ['member'] })).json();
    const use = () => h.call({ kind: 'token', token: created.token }, 'GET', '/api/departments');
    expect((await use()).statusCode).toBe(200);
    expect((await h.call(admin, 'DELETE', `/api/tokens/${created.apiToken.id}`)).statusCode).toBe(204);
    const res = await use();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('an expired API token is refused', async () => {
    const expiresAt = new Date(clock().getTime() + 60_000).toISOString();
    const created = (await h.call(admin, 'POST', '/api/tokens', { name: 'Short', roles: ['member'], expiresAt })).json();
    expect((await h.call({ kind: 'token', token: created.token }, 'GET', '/api/session')).statusCode).toBe(200);
    clock.advance(61_000);
    expect((await h.call({ kind: 'token', token: created.token }, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('logout ends the session: the cookie no longer authenticates', async () => {
    const session = await h.signIn('alice@ville.example');
    const out = await h.call(session, 'POST', '/api/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = ([] as string[]).concat(out.headers['set-cookie'] as string[]);
    expect(cleared.some((l) => l.startsWith('paraphe_session=;') && l.includes('Max-Age=0'))).toBe(true);
    const after = await h.call(session, 'GET', '/api/session');
    expect(after.statusCode).toBe(401);
  });

  it('sessions end after the idle timeout and after the absolute lifetime', async () => {
    const idle = await h.signIn('alice@ville.example');
    clock.advance(2 * 3600_000 + 1);
    expect((await h.call(idle, 'GET', '/api/session')).statusCode).toBe(401);

    const busy = await h.signIn('alice@ville.example');
    for (let hour = 0; hour < 11; hour++) {
      clock.advance(3600_000);
      expect((await h.call(busy, 'GET', '/api/session')).statusCode).toBe(200);
    }
    clock.advance(3600_000);
    expect((await h.call(busy, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('an unknown email and a wrong password get the same answer', async () => {
    const unknown = await h.call(ANONYMOUS, 'POST', '/api/auth/login', { email: 'nobody@ville.example', password: PASSWORD });
    const wrong = await h.call(ANONYMOUS, 'POST', '/api/auth/login', { email: 'alice@ville.example', password: 'not the password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    // reset the failure counter for the lockout test
    await h.signIn('alice@ville.example');
  });

  it('five failures lock the account for 15 minutes, even for the right password; the lock is audited', async () => {
    const target = await h.userWith(['member'], { email: 'locked@ville.example' });
    const login = (password: string) => h.call(ANONYMOUS, 'POST', '/api/auth/login', { email: 'locked@ville.example', password });
    for (let i = 0; i < 5; i++) expect((await login('wrong password ' + i)).statusCode).toBe(401);
    const refused = await login(PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('INVALID_CREDENTIALS');
    const view = (await h.call(admin, 'GET', `/api/users/${target.userId}`)).json();
    expect(view.locked).toBe(true);
    const events = await h.server.ctx.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('org_id', '=', h.orgId).where('target_id', '=', target.userId).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['identity.user.created', ...Array(5).fill('identity.sign_in.failed'), 'identity.user.locked', 'identity.sign_in.refused']);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    clock.advance(15 * 60_000 + 1);
    expect((await login(PASSWORD)).statusCode).toBe(200);
  });

  it('an administrator can unlock an account before the 15 minutes', async () => {
    await h.userWith(['member'], { email: 'unlock@ville.example' });
    const login = (password: string) => h.call(ANONYMOUS, 'POST', '/api/auth/login', { email: 'unlock@ville.example', password });
    for (let i = 0; i < 5; i++) await login('wrong password ' + i);
    expect((await login(PASSWORD)).statusCode).toBe(401);
    const user = (await h.call(admin, 'GET', '/api/users')).json().find((u: { email: string }) => u.email === 'unlock@ville.example');
    expect((await h.call(admin, 'PATCH', `/api/users/${user.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await login(PASSWORD)).statusCode).toBe(200);
  });

  it('a disabled account cannot sign in and its sessions end', async () => {
    const session = await h.userWith(['member'], { email: 'leaving@ville.example' });
    expect((await h.call(admin, 'DELETE', `/api/users/${session.userId}`)).json().status).toBe('disabled');
    expect((await h.call(session, 'GET', '/api/session')).statusCode).toBe(401);
    expect((await h.call(ANONYMOUS, 'POST', '/api/auth/login', { email: 'leaving@ville.example', password: PASSWORD })).statusCode).toBe(401);
  });

  it('changing one\'s own password needs the current one and ends the other sessions', async () => {
    const first = await h.userWith(['member'], { email: 'mover@ville.example' });
    const second = await h.signIn('mover@ville.example');
    const bad = await h.call(first, 'POST', '/api/users/me/password', { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    expect(bad.json().error.code).toBe('INVALID_CREDENTIALS');
    const good = await h.call(first, 'POST', '/api/users/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(good.statusCode).toBe(204);
    expect((await h.call(first, 'GET', '/api/session')).statusCode).toBe(200);
    expect((await h.call(second, 'GET', '/api/session')).statusCode).toBe(401);
    expect((await h.signIn('mover@ville.example', 'a brand new passphrase')).userId).toBe(first.userId);
  });

  it('the last active administrator cannot be demoted or disabled', async () => {
    const before = await departmentCount();
    const res = await h.call(admin, 'PATCH', `/api/users/${admin.userId}`, { roles: ['member'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
    expect(await departmentCount()).toBe(before);
  });
});
