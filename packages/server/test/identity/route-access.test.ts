/**
 * One check per route, over every route the server registers: an anonymous caller, a user of
 * another organisation and a user (or API token) without the required role are refused with a
 * coded error, and nothing stored about the organisation changes. A route added to the server
 * without an entry here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCatalogue } from '../../src/api/auth/route-catalogue.js';
import type { Access } from '../../src/api/auth/access.js';
import { forEachDialect } from '../support/dialects.js';
import { ANONYMOUS, PASSWORD, startIdentityHarness, type Agent, type IdentityHarness } from './support/identity-harness.js';
import { orgSnapshot } from './support/org-snapshot.js';

type Resource = 'department' | 'user' | 'group' | 'contact' | 'token';
interface Entry {
  readonly access: Access;
  /** Which of the organisation's resources fills `:id`. */
  readonly id?: Resource;
  /** A valid body, so a refusal is about the caller, not the input. */
  readonly body?: Record<string, unknown>;
  /** The route ends the caller's own session: use a fresh one. */
  readonly endsSession?: boolean;
}

const ADMIN: Access = { roles: ['administrator'] };
const EDITORS: Access = { roles: ['administrator', 'clerk', 'department_manager'] };
const CLERKS: Access = { roles: ['administrator', 'clerk'] };

const ROUTES: Readonly<Record<string, Entry>> = {
  'POST /api/setup': { access: 'public' },
  'POST /api/auth/login': { access: 'public' },
  'GET /api/auth/oidc/start': { access: 'public' },
  'GET /api/auth/oidc/callback': { access: 'public' },
  'POST /api/auth/logout': { access: 'authenticated', endsSession: true },
  'GET /api/session': { access: 'authenticated' },
  'GET /api/orgs/current': { access: 'authenticated' },
  'PATCH /api/orgs/current': { access: ADMIN, body: { name: 'Renamed', oidcJustInTime: true } },
  'GET /api/departments': { access: 'authenticated' },
  'GET /api/departments/:id': { access: 'authenticated', id: 'department' },
  'POST /api/departments': { access: ADMIN, body: { name: 'Travaux publics' } },
  'PATCH /api/departments/:id': { access: ADMIN, id: 'department', body: { name: 'Trésorerie municipale' } },
  'DELETE /api/departments/:id': { access: ADMIN, id: 'department' },
  'GET /api/users': { access: 'authenticated' },
  'GET /api/users/:id': { access: 'authenticated', id: 'user' },
  'POST /api/users': { access: ADMIN, body: { email: 'new@ville.example', name: 'New', roles: ['member'] } },
  'PATCH /api/users/:id': { access: ADMIN, id: 'user', body: { roles: ['administrator'] } },
  'DELETE /api/users/:id': { access: ADMIN, id: 'user' },
  'POST /api/users/me/password': { access: 'authenticated', body: { currentPassword: 'wrong password here', newPassword: 'another long password' } },
  'GET /api/groups': { access: 'authenticated' },
  'GET /api/groups/:id': { access: 'authenticated', id: 'group' },
  'POST /api/groups': { access: ADMIN, body: { name: 'Conseil' } },
  'PATCH /api/groups/:id': { access: ADMIN, id: 'group', body: { memberIds: [] } },
  'DELETE /api/groups/:id': { access: ADMIN, id: 'group' },
  'GET /api/contacts': { access: 'authenticated' },
  'GET /api/contacts/:id': { access: 'authenticated', id: 'contact' },
  'POST /api/contacts': { access: EDITORS, body: { kind: 'notary', name: 'Me Tremblay' } },
  'PATCH /api/contacts/:id': { access: EDITORS, id: 'contact', body: { phone: '+1 819 555 0100' } },
  'DELETE /api/contacts/:id': { access: CLERKS, id: 'contact' },
  'GET /api/tokens': { access: ADMIN },
  'POST /api/tokens': { access: ADMIN, body: { name: 'ERP', roles: ['administrator'] } },
  'DELETE /api/tokens/:id': { access: ADMIN, id: 'token' },
  'GET /api/health': { access: 'public' },
  'GET /api/openapi.json': { access: 'public' },
};

forEachDialect('identity: every route refuses who may not call it', (fx) => {
  let h: IdentityHarness;
  let ids: Record<Resource, string>;
  let callers: { member: Agent; clerk: Agent; manager: Agent; memberToken: Agent; outsider: Agent };
  let outsiderSignIn: () => Promise<Agent>;
  let catalogue: ReturnType<typeof routeCatalogue>;

  beforeAll(async () => {
    h = await startIdentityHarness(fx);
    const post = async (url: string, body: unknown) => {
      const res = await h.call(h.admin, 'POST', url, body);
      if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const department = await post('/api/departments', { name: 'Greffe' });
    const user = await post('/api/users', { email: 'target@ville.example', name: 'Target', roles: ['member'], password: PASSWORD });
    const group = await post('/api/groups', { name: 'Signataires', memberIds: [user.id] });
    const contact = await post('/api/contacts', { kind: 'citizen', name: 'Jean Citoyen', email: 'jean@example.org' });
    const token = await post('/api/tokens', { name: 'Archive', roles: ['member'] });
    ids = { department: department.id, user: user.id, group: group.id, contact: contact.id, token: token.apiToken.id };
    callers = {
      member: await h.userWith(['member']),
      clerk: await h.userWith(['clerk', 'member']),
      manager: await h.userWith(['member'], { departments: [{ id: department.id, manager: true }] }),
      memberToken: { kind: 'token', token: token.token },
      outsider: await (async () => {
        const other = await h.otherOrganisation();
        outsiderSignIn = async () => h.signIn((await h.server.ctx.db.kysely.selectFrom('users').select('email').where('id', '=', other.admin.userId).executeTakeFirstOrThrow()).email, PASSWORD, other.slug);
        return other.admin;
      })(),
    };
    catalogue = routeCatalogue(h.server.app);
  });
  afterAll(async () => h?.close());

  it('every registered route has an entry here, and every entry is a registered route', () => {
    const registered = catalogue.map((r) => `${r.method} ${r.url}`).sort();
    const missing = registered.filter((key) => !(key in ROUTES) && isIdentityRoute(key));
    expect(missing, 'routes without an access test entry').toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !registered.includes(key)), 'entries for routes that do not exist').toEqual([]);
  });

  it('every route of other areas declares its access or refuses anonymous callers', async () => {
    for (const route of catalogue) {
      const key = `${route.method} ${route.url}`;
      if (key in ROUTES || route.access === 'public') continue;
      const res = await h.call(ANONYMOUS, route.method, route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000'));
      expect([401, 404], `${key} answers ${res.statusCode} to an anonymous caller`).toContain(res.statusCode);
      if (res.statusCode === 404) expect(route.access, `${key}: 404 to anonymous is only fine once access is declared`).toBeDefined();
    }
  });

  const urlOf = (url: string, entry: Entry) => (entry.id ? url.replace(':id', ids[entry.id]) : url);

  for (const [key, entry] of Object.entries(ROUTES)) {
    const [method, url] = key.split(' ') as [string, string];
    describe(key, () => {
      it('declares the expected access', () => {
        const route = catalogue.find((r) => r.method === method && r.url === url);
        expect(route?.access).toEqual(entry.access);
      });

      if (entry.access === 'public') return;
      const access = entry.access;

      it('refuses anonymous callers and invalid tokens with 401 UNAUTHENTICATED; nothing changes', async () => {
        for (const agent of [ANONYMOUS, { kind: 'token', token: 'pt_' + 'x'.repeat(43) } as Agent]) {
          const before = await orgSnapshot(h.server, h.orgId);
          const res = await h.call(agent, method, urlOf(url, entry), entry.body);
          expect(res.statusCode).toBe(401);
          expect(res.json().error.code).toBe('UNAUTHENTICATED');
          expect(await orgSnapshot(h.server, h.orgId)).toBe(before);
        }
      });

      it("refuses another organisation's administrator; nothing of this organisation changes", async () => {
        const before = await orgSnapshot(h.server, h.orgId);
        const outsider = entry.endsSession ? await outsiderSignIn() : callers.outsider;
        const res = await h.call(outsider, method, urlOf(url, entry), entry.body);
        if (entry.id) {
          expect(res.statusCode).toBe(404);
          expect(res.json().error.code).toBe('NOT_FOUND');
        } else if (method === 'GET') {
          for (const id of Object.values(ids)) expect(res.body).not.toContain(id);
        }
        expect(await orgSnapshot(h.server, h.orgId)).toBe(before);
      });

      if (access === 'authenticated') return;
      it(`refuses callers without ${access.roles.join(' or ')} (user and API token) with 403 FORBIDDEN; nothing changes`, async () => {
        const lacking = [callers.member, callers.memberToken, callers.clerk, callers.manager].filter((agent) => !rolesOf(agent).some((r) => access.roles.includes(r as never)));
        expect(lacking.length).toBeGreaterThan(0);
        for (const agent of lacking) {
          const before = await orgSnapshot(h.server, h.orgId);
          const res = await h.call(agent, method, urlOf(url, entry), entry.body);
          expect(res.statusCode).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
          expect(await orgSnapshot(h.server, h.orgId)).toBe(before);
        }
      });
    });
  }

  function rolesOf(agent: Agent): string[] {
    if (agent === callers.clerk) return ['clerk', 'member'];
    if (agent === callers.manager) return ['member', 'department_manager'];
    return ['member'];
  }
});

/** Identity routes must have an entry; other areas' routes are checked generically (see the second test). */
function isIdentityRoute(key: string): boolean {
  return /^\w+ \/api\/(setup|session|auth|orgs|departments|users|groups|contacts|tokens)(\/|$)/.test(key);
}
