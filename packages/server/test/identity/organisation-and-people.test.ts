/** Departments, people, roles, groups and external contacts through the API, each change audited in the organisation's chain. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/domain/audit/verify-audit-chain.js';
import { forEachDialect } from '../support/dialects.js';
import { startIdentityHarness, type IdentityHarness } from './support/identity-harness.js';

forEachDialect('identity: organisation and people', (fx) => {
  let h: IdentityHarness;
  beforeAll(async () => {
    h = await startIdentityHarness(fx);
  });
  afterAll(async () => h?.close());

  const actions = async (targetId: string) =>
    (await h.server.ctx.db.kysely.selectFrom('audit_events').select('action').where('org_id', '=', h.orgId).where('target_id', '=', targetId).orderBy('seq').execute()).map((e) => e.action);

  it('departments: create, rename, list, delete — each audited', async () => {
    const created = await h.call(h.admin, 'POST', '/api/departments', { name: 'Trésorerie' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await h.call(h.admin, 'PATCH', `/api/departments/${id}`, { name: 'Trésorerie municipale' })).json()).toMatchObject({ id, name: 'Trésorerie municipale' });
    expect((await h.call(h.admin, 'GET', '/api/departments')).json().map((d: { name: string }) => d.name)).toContain('Trésorerie municipale');
    expect((await h.call(h.admin, 'DELETE', `/api/departments/${id}`)).statusCode).toBe(204);
    expect((await h.call(h.admin, 'GET', `/api/departments/${id}`)).statusCode).toBe(404);
    expect(await actions(id)).toEqual(['identity.department.created', 'identity.department.renamed', 'identity.department.deleted']);
  });

  it('a department manager gets the department_manager role and the department in request.auth', async () => {
    const greffe = (await h.call(h.admin, 'POST', '/api/departments', { name: 'Greffe' })).json().id as string;
    const urbanisme = (await h.call(h.admin, 'POST', '/api/departments', { name: 'Urbanisme' })).json().id as string;
    const manager = await h.userWith(['member'], { departments: [{ id: greffe, manager: true }, { id: urbanisme, manager: false }] });
    const session = (await h.call(manager, 'GET', '/api/session')).json();
    expect(session.roles).toEqual(['member', 'department_manager']);
    expect([...session.departmentIds].sort()).toEqual([greffe, urbanisme].sort());
    expect(session.managedDepartmentIds).toEqual([greffe]);
    const department = (await h.call(manager, 'GET', `/api/departments/${greffe}`)).json();
    expect(department.members).toEqual([{ userId: manager.userId, manager: true }]);
  });

  it('users: roles changed by an administrator apply to the next request; the change is audited with the new roles', async () => {
    const clerk = await h.userWith(['member'], { email: 'greffiere@ville.example' });
    expect((await h.call(clerk, 'POST', '/api/contacts', { kind: 'notary', name: 'Me Gagnon' })).statusCode).toBe(403);
    const patched = await h.call(h.admin, 'PATCH', `/api/users/${clerk.userId}`, { roles: ['clerk', 'member'], title: 'Greffière' });
    expect(patched.json()).toMatchObject({ roles: ['clerk', 'member'], title: 'Greffière' });
    expect((await h.call(clerk, 'POST', '/api/contacts', { kind: 'notary', name: 'Me Gagnon' })).statusCode).toBe(201);
    const events = await h.server.ctx.db.kysely.selectFrom('audit_events').select(['action', 'details', 'actor_id']).where('target_id', '=', clerk.userId).where('action', '=', 'identity.user.updated').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ roles: ['clerk', 'member'] });
    expect(events[0]!.actor_id).toBe(h.admin.userId);
  });

  it('the user view never shows the password hash', async () => {
    const list = await h.call(h.admin, 'GET', '/api/users');
    expect(list.body).not.toContain('$argon2id$');
    expect(list.json()[0]).not.toHaveProperty('password_hash');
  });

  it('groups: create with members, change members, delete', async () => {
    const a = await h.userWith(['member']);
    const b = await h.userWith(['member']);
    const group = (await h.call(h.admin, 'POST', '/api/groups', { name: 'Conseil municipal', description: 'Élus', memberIds: [a.userId] })).json();
    expect(group.memberIds).toEqual([a.userId]);
    const changed = (await h.call(h.admin, 'PATCH', `/api/groups/${group.id}`, { memberIds: [a.userId, b.userId] })).json();
    expect([...changed.memberIds].sort()).toEqual([a.userId, b.userId].sort());
    expect((await h.call(a, 'GET', `/api/groups/${group.id}`)).statusCode).toBe(200);
    expect((await h.call(h.admin, 'DELETE', `/api/groups/${group.id}`)).statusCode).toBe(204);
    expect(await actions(group.id)).toEqual(['identity.group.created', 'identity.group.updated', 'identity.group.deleted']);
  });

  it('contacts: citizens, notaries and suppliers without accounts; a member reads, the clerk edits and deletes', async () => {
    const clerk = await h.userWith(['clerk', 'member']);
    const member = await h.userWith(['member']);
    const contact = (await h.call(clerk, 'POST', '/api/contacts', { kind: 'supplier', name: 'Béton Laval inc.', email: 'Factures@Beton.example', phone: '+1 450 555 0199', organisation: 'Béton Laval' })).json();
    expect(contact).toMatchObject({ kind: 'supplier', email: 'factures@beton.example', phone: '+1 450 555 0199' });
    expect((await h.call(member, 'GET', `/api/contacts/${contact.id}`)).json().name).toBe('Béton Laval inc.');
    expect((await h.call(member, 'PATCH', `/api/contacts/${contact.id}`, { phone: null })).statusCode).toBe(403);
    expect((await h.call(clerk, 'PATCH', `/api/contacts/${contact.id}`, { phone: null })).json().phone).toBeNull();
    expect((await h.call(clerk, 'DELETE', `/api/contacts/${contact.id}`)).statusCode).toBe(204);
    expect(await actions(contact.id)).toEqual(['identity.contact.created', 'identity.contact.updated', 'identity.contact.deleted']);
    const users = (await h.server.ctx.db.kysely.selectFrom('users').select('email').execute()).map((u) => u.email);
    expect(users).not.toContain('factures@beton.example');
  });

  it('the organisation can be renamed by an administrator; the audit chain of the organisation verifies', async () => {
    expect((await h.call(h.admin, 'PATCH', '/api/orgs/current', { name: 'Ville de Saint-Exemple (cité)' })).json().name).toBe('Ville de Saint-Exemple (cité)');
    const report = await verifyAuditChain(h.server.ctx.db.kysely, { orgId: h.orgId });
    expect(report.valid).toBe(true);
    expect(report.chains[0]!.events).toBeGreaterThan(20);
  });
});
