/**
 * Bad input to every identity endpoint that takes input: malformed JSON, wrong types, unknown
 * fields, malformed ids, unknown ids and another organisation's ids all get a 4xx with a code,
 * and nothing stored about either organisation changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../support/dialects.js';
import { startIdentityHarness, type IdentityHarness } from './support/identity-harness.js';
import { createResources, ROUTES } from './support/identity-routes.js';
import { orgSnapshot } from './support/org-snapshot.js';

const UNKNOWN_ID = '3f1c2b9a-7d4e-4a51-9c0b-0123456789ab';

/** Routes not exercised here: the set-up, sign-in and sign-on routes have their own tests; logout takes no input. */
const ELSEWHERE = new Set(['POST /api/setup', 'POST /api/auth/login', 'GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback', 'POST /api/auth/logout', 'GET /api/health', 'GET /api/openapi.json']);

forEachDialect('identity: bad input', (fx) => {
  let h: IdentityHarness;
  let ours: Awaited<ReturnType<typeof createResources>>;
  let theirs: Awaited<ReturnType<typeof createResources>>;
  let otherOrgId: string;

  beforeAll(async () => {
    h = await startIdentityHarness(fx);
    ours = await createResources(h);
    const other = await h.otherOrganisation();
    otherOrgId = other.orgId;
    const mine = h.admin;
    h.admin = other.admin;
    theirs = await createResources(h, '-b');
    h.admin = mine;
  });
  afterAll(async () => h?.close());

  /** Sends a request as the administrator and checks: the expected status and code, and no change in either organisation. */
  async function refused(method: string, url: string, body: unknown, status: number, code: string) {
    const before = (await orgSnapshot(h.server, h.orgId)) + (await orgSnapshot(h.server, otherOrgId));
    const res = await h.call(h.admin, method, url, body);
    expect(res.statusCode, `${method} ${url} ${typeof body === 'string' ? body : JSON.stringify(body)} → ${res.body}`).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect((await orgSnapshot(h.server, h.orgId)) + (await orgSnapshot(h.server, otherOrgId))).toBe(before);
  }

  for (const [key, entry] of Object.entries(ROUTES)) {
    if (ELSEWHERE.has(key) || (!entry.id && !entry.body)) continue; // lists take no input
    const [method, url] = key.split(' ') as [string, string];
    describe(key, () => {
      const at = (id: string) => url.replace(':id', id);

      if (entry.id) {
        const resource = entry.id;
        it('a malformed id is 400 VALIDATION_FAILED; an unknown id and an id of another organisation are 404 NOT_FOUND', async () => {
          await refused(method, at('not-a-uuid'), entry.body, 400, 'VALIDATION_FAILED');
          await refused(method, at(UNKNOWN_ID), entry.body, 404, 'NOT_FOUND');
          await refused(method, at(theirs[resource]), entry.body, 404, 'NOT_FOUND');
        });
      }

      if (entry.body) {
        const body = entry.body;
        it('malformed JSON, an empty body, wrong types and unknown fields are 400 VALIDATION_FAILED', async () => {
          const target = entry.id ? at(ours[entry.id]) : url;
          await refused(method, target, '{"name": ', 400, 'VALIDATION_FAILED');
          await refused(method, target, '', 400, 'VALIDATION_FAILED');
          await refused(method, target, '[]', 400, 'VALIDATION_FAILED');
          for (const field of Object.keys(body)) await refused(method, target, { ...body, [field]: { nested: true } }, 400, 'VALIDATION_FAILED');
          await refused(method, target, { ...body, isAdmin: true }, 400, 'VALIDATION_FAILED');
        });
      }
    });
  }

  it("another organisation's departments and users cannot be referenced", async () => {
    await refused('POST', '/api/users', { email: 'x@ville.example', name: 'X', roles: ['member'], departments: [{ id: theirs.department, manager: true }] }, 404, 'NOT_FOUND');
    await refused('PATCH', `/api/users/${ours.user}`, { departments: [{ id: theirs.department, manager: false }] }, 404, 'NOT_FOUND');
    await refused('POST', '/api/groups', { name: 'Mixed', memberIds: [ours.user, theirs.user] }, 404, 'NOT_FOUND');
    await refused('PATCH', `/api/groups/${ours.group}`, { memberIds: [theirs.user] }, 404, 'NOT_FOUND');
    await refused('PATCH', `/api/users/${ours.user}`, { departments: [{ id: UNKNOWN_ID, manager: false }] }, 404, 'NOT_FOUND');
  });

  it('meaningless values are 400 and duplicates 409, storing nothing', async () => {
    await refused('POST', '/api/users', { email: 'not an email', name: 'X', roles: ['member'] }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/users', { email: 'short@ville.example', name: 'X', roles: ['member'], password: 'short' }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/users', { email: 'x@ville.example', name: 'X', roles: ['superuser'] }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/users', { email: 'x@ville.example', name: '   ', roles: ['member'] }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/users', { email: 'TARGET@ville.example', name: 'Twin', roles: ['member'] }, 409, 'CONFLICT');
    await refused('POST', '/api/departments', { name: 'Greffe' }, 409, 'CONFLICT');
    await refused('POST', '/api/groups', { name: 'Signataires' }, 409, 'CONFLICT');
    await refused('POST', '/api/contacts', { kind: 'wizard', name: 'Merlin' }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/contacts', { kind: 'citizen', name: 'Jean', email: 'nope' }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/tokens', { name: 'T', roles: [] }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/tokens', { name: 'T', roles: ['member'], expiresAt: 'tomorrow' }, 400, 'VALIDATION_FAILED');
    await refused('PATCH', '/api/orgs/current', {}, 400, 'VALIDATION_FAILED');
  });

  it('set-up and sign-in refuse malformed input with 400', async () => {
    await refused('POST', '/api/auth/login', '{"email":', 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/auth/login', { email: 'a@b.c' }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/auth/login', { email: 'a@b.c', password: 12 }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/api/setup', { token: 'x', organisationName: 'O', adminName: 'A', adminEmail: 'a@b.c', password: 'long enough password' }, 400, 'SETUP_TOKEN_INVALID');
    await refused('POST', '/api/setup', { token: 'x' }, 400, 'VALIDATION_FAILED');
  });
});
