/**
 * One check per route, over every route the server registers: an anonymous caller, a user of
 * another organisation and a user (or API token) without the required role are refused with a
 * coded error, and nothing stored about the organisation changes. A route added to the server
 * without an entry here fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCatalogue } from '../../src/api/auth/route-catalogue.js';
import { forEachDialect } from '../support/dialects.js';
import { ANONYMOUS, PASSWORD, startIdentityHarness, type Agent, type IdentityHarness } from './support/identity-harness.js';
import { orgSnapshot } from './support/org-snapshot.js';
import { createResources, ROUTES, type Entry, type Resource } from './support/identity-routes.js';

forEachDialect('identity: every route refuses who may not call it', (fx) => {
  let h: IdentityHarness;
  let ids: Awaited<ReturnType<typeof createResources>>;
  let callers: { member: Agent; clerk: Agent; manager: Agent; memberToken: Agent; outsider: Agent };
  let outsiderSignIn: () => Promise<Agent>;
  let catalogue: ReturnType<typeof routeCatalogue>;

  beforeAll(async () => {
    h = await startIdentityHarness(fx);
    ids = await createResources(h);
    callers = {
      member: await h.userWith(['member']),
      clerk: await h.userWith(['clerk', 'member']),
      manager: await h.userWith(['member'], { departments: [{ id: ids.department, manager: true }] }),
      memberToken: { kind: 'token', token: ids.tokenText },
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
