/** The identity routes with who may call them and a valid request for each, shared by the access and bad-input tests. */
import type { Access } from '../../../src/api/auth/access.js';

export type Resource = 'department' | 'user' | 'group' | 'contact' | 'token';
export interface Entry {
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

export const ROUTES: Readonly<Record<string, Entry>> = {
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


/** One resource of each kind in the harness's organisation, created through the API. */
export async function createResources(h: { admin: unknown; call: (agent: never, method: string, url: string, body?: unknown) => Promise<{ statusCode: number; body: string; json(): any }> }, suffix = ''): Promise<Record<Resource, string> & { token: string; tokenText: string }> {
  const post = async (url: string, body: unknown) => {
    const res = await h.call(h.admin as never, 'POST', url, body);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const department = await post('/api/departments', { name: `Greffe${suffix}` });
  const user = await post('/api/users', { email: `target${suffix}@ville.example`, name: 'Target', roles: ['member'], password: 'correct horse battery staple' });
  const group = await post('/api/groups', { name: `Signataires${suffix}`, memberIds: [user.id] });
  const contact = await post('/api/contacts', { kind: 'citizen', name: 'Jean Citoyen', email: 'jean@example.org' });
  const token = await post('/api/tokens', { name: `Archive${suffix}`, roles: ['member'] });
  return { department: department.id, user: user.id, group: group.id, contact: contact.id, token: token.apiToken.id, tokenText: token.token };
}
