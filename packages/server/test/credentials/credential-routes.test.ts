/**
 * The credential and seal routes over HTTP: one refusal check per route (anonymous, another
 * organisation, a person without the role or not the holder), bad input answered 4xx with a
 * code, and in every refused case nothing stored changes. Then the happy paths end to end.
 */
import { writePkcs12, generateKeyPair, issueCertificate } from '@paraphe/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../../src/server.js';
import { routeCatalogue } from '../../src/api/auth/route-catalogue.js';
import { createDepartment } from '../../src/domain/identity/create-department.js';
import { forEachDialect } from '../support/dialects.js';
import { createTestOrganisation, type Organisation, type Person } from './support/people.js';

const PASSWORD = 'signing password one';
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Entry {
  readonly access: 'authenticated' | 'administrator';
  readonly body?: Record<string, unknown>;
  /** Routes about one person's credential: another member of the organisation is refused too. */
  readonly holderOnly?: boolean;
}

const ROUTES: Readonly<Record<string, Entry>> = {
  'POST /api/credentials': { access: 'authenticated', body: { signingPassword: PASSWORD } },
  'POST /api/credentials/import': { access: 'authenticated', body: { pkcs12: 'AAAA', pkcs12Password: 'x', signingPassword: PASSWORD } },
  'GET /api/credentials': { access: 'authenticated' },
  'GET /api/credentials/:id': { access: 'authenticated', holderOnly: true },
  'POST /api/credentials/:id/password': { access: 'authenticated', holderOnly: true, body: { oldPassword: PASSWORD, newPassword: 'another signing password' } },
  'POST /api/credentials/:id/revoke': { access: 'authenticated', holderOnly: true, body: {} },
  'POST /api/seals': { access: 'administrator', body: { departmentId: ':department' } },
  'GET /api/seals': { access: 'authenticated' },
  'GET /api/seals/:id': { access: 'authenticated' },
  'GET /api/seals/:id/grants': { access: 'administrator' },
  'PUT /api/seals/:id/grants/:userId': { access: 'administrator' },
  'DELETE /api/seals/:id/grants/:userId': { access: 'administrator' },
  'POST /api/seals/:id/revoke': { access: 'administrator', body: {} },
  'GET /api/outbox': { access: 'administrator' },
  'POST /api/webhooks': { access: 'administrator', body: { url: 'https://erp.example/hooks', events: ['*'] } },
  'GET /api/webhooks': { access: 'administrator' },
  'DELETE /api/webhooks/:id': { access: 'administrator' },
  'GET /api/webhooks/:id/deliveries': { access: 'administrator' },
  'POST /api/webhooks/:id/ping': { access: 'administrator' },
};
const PUBLIC = ['GET /pki/ca.crl', 'GET /pki/root.crl', 'GET /pki/crl/:file.crl', 'GET /pki/ca.cer', 'GET /pki/root.cer', 'GET /pki/ca/:file.cer', 'POST /pki/ocsp', 'GET /pki/ocsp/*', 'POST /pki/tsa'];

forEachDialect('credential and seal routes', (fx) => {
  let server: ParapheServer;
  let org: Organisation;
  let admin: Person;
  let holder: Person;
  let member: Person;
  let outsider: Person;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await createServer(await fx.config());
    org = await createTestOrganisation(server, 'Ville des Routes');
    admin = await org.person('Anne Admin', ['administrator']);
    holder = await org.person('Hugo Titulaire', ['member']);
    member = await org.person('Marc Membre', ['member', 'clerk']);
    outsider = await (await createTestOrganisation(server, 'Autre Ville')).person('Otto Admin', ['administrator']);
    const call = (who: Person, method: Method, url: string, payload?: unknown) => server.app.inject({ method, url, headers: who.headers, ...(payload ? { payload: payload as object } : {}) });
    ids[':department'] = (await createDepartment(server.ctx, { caller: admin.caller, name: 'Finances' })).id;
    const spare = (await createDepartment(server.ctx, { caller: admin.caller, name: 'Archives' })).id;
    ids.credential = ((await call(holder, 'POST', '/api/credentials', { signingPassword: PASSWORD })).json() as { id: string }).id;
    ids.seal = ((await call(admin, 'POST', '/api/seals', { departmentId: spare })).json() as { id: string }).id;
    ids.webhook = ((await call(admin, 'POST', '/api/webhooks', { url: 'https://erp.example/hooks', events: ['*'] })).json() as { id: string }).id;
    ids.user = holder.id;
  });
  afterAll(async () => server?.close());

  /** Everything stored about the organisation by this area, and its audit chain head. */
  const snapshot = async () => {
    const db = server.ctx.db.kysely;
    const parts = await Promise.all([
      db.selectFrom('signing_credentials').select(['id', 'status', 'encrypted_key', 'failed_unlocks']).where('org_id', '=', org.id).orderBy('id').execute(),
      db.selectFrom('seals').select(['id', 'status']).where('org_id', '=', org.id).orderBy('id').execute(),
      db.selectFrom('seal_grants').selectAll().orderBy('seal_id').orderBy('user_id').execute(),
      db.selectFrom('issued_certificates').select(['id', 'revoked_at']).where('org_id', '=', org.id).orderBy('id').execute(),
      db.selectFrom('webhook_endpoints').select(['id']).where('org_id', '=', org.id).orderBy('id').execute(),
      db.selectFrom('webhook_deliveries').select(['id']).where('org_id', '=', org.id).orderBy('id').execute(),
      db.selectFrom('audit_heads').selectAll().where('org_id', '=', org.id).execute(),
    ]);
    return JSON.stringify(parts);
  };
  const urlOf = (key: string) => {
    const url = key.split(' ')[1]!;
    const resource = url.startsWith('/api/credentials') ? ids.credential : url.startsWith('/api/seals') ? ids.seal : ids.webhook;
    return url.replace(':id', resource!).replace(':userId', ids.user!);
  };
  const bodyOf = (entry: Entry) => (entry.body ? JSON.parse(JSON.stringify(entry.body).replace(':department', ids[':department']!)) : undefined);
  const request = (who: Person | null, key: string, entry: Entry) =>
    server.app.inject({ method: key.split(' ')[0] as Method, url: urlOf(key), headers: who?.headers ?? {}, ...(bodyOf(entry) ? { payload: bodyOf(entry) } : {}) });

  it('every route of this area has an entry here, and declares the access it states', () => {
    const catalogue = routeCatalogue(server.app);
    const mine = catalogue.filter((r) => /^\/(api\/(credentials|seals|outbox|webhooks)|pki\/)/.test(r.url));
    expect(mine.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...Object.keys(ROUTES), ...PUBLIC].sort());
    for (const route of mine) {
      const key = `${route.method} ${route.url}`;
      const entry = ROUTES[key];
      expect(route.access, key).toEqual(entry ? (entry.access === 'administrator' ? { roles: ['administrator'] } : 'authenticated') : 'public');
    }
  });

  for (const [key, entry] of Object.entries(ROUTES)) {
    describe(key, () => {
      it('refuses anonymous callers (401), another organisation (404 or none of our data), and callers without the role (403); nothing changes', async () => {
        const before = await snapshot();
        const anonymous = await request(null, key, entry);
        expect(anonymous.statusCode).toBe(401);
        expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');

        const foreign = await request(outsider, key, entry);
        if (key.includes(':id')) {
          expect(foreign.statusCode).toBe(404);
          expect(foreign.json().error.code).toBe('NOT_FOUND');
        } else if (key.startsWith('GET')) {
          for (const id of Object.values(ids)) expect(foreign.body).not.toContain(id);
        }

        if (entry.access === 'administrator') {
          const lacking = await request(member, key, entry);
          expect(lacking.statusCode).toBe(403);
          expect(lacking.json().error.code).toBe('FORBIDDEN');
        }
        if (entry.holderOnly) {
          const other = await request(member, key, entry);
          expect(other.statusCode).toBe(404);
          expect(other.json().error.code).toBe('NOT_FOUND');
        }
        expect(await snapshot()).toBe(before);
      });
    });
  }

  it('bad input gets a 4xx with a code and stores nothing', async () => {
    const before = await snapshot();
    const cases: [Person, Method, string, unknown, number, string][] = [
      [holder, 'POST', '/api/credentials', { signingPassword: 'short' }, 400, 'VALIDATION_FAILED'],
      [holder, 'POST', '/api/credentials', { signingPassword: PASSWORD, algorithm: 'dsa-1024' }, 400, 'VALIDATION_FAILED'],
      [holder, 'POST', '/api/credentials', { signingPassword: 12 }, 400, 'VALIDATION_FAILED'],
      [holder, 'POST', '/api/credentials/import', { pkcs12: '!!!notbase64', pkcs12Password: 'x', signingPassword: PASSWORD }, 400, 'VALIDATION_FAILED'],
      [holder, 'POST', '/api/credentials/import', { pkcs12: 'AAAAAAAA', pkcs12Password: 'x', signingPassword: PASSWORD }, 400, 'P12_INVALID'],
      [holder, 'GET', '/api/credentials/not-a-uuid', undefined, 400, 'VALIDATION_FAILED'],
      [holder, 'GET', '/api/credentials/00000000-0000-4000-8000-000000000000', undefined, 404, 'NOT_FOUND'],
      [holder, 'POST', `/api/credentials/${ids.credential}/revoke`, { reason: 'because' }, 400, 'VALIDATION_FAILED'],
      [admin, 'POST', '/api/seals', { departmentId: ids[':department'], custody: 'usb-stick' }, 400, 'VALIDATION_FAILED'],
      [admin, 'POST', '/api/seals', { departmentId: '00000000-0000-4000-8000-000000000000' }, 404, 'NOT_FOUND'],
      [admin, 'POST', '/api/seals', { departmentId: ids[':department'], custody: 'pkcs11' }, 503, 'UNAVAILABLE'],
      [admin, 'PUT', `/api/seals/${ids.seal}/grants/${outsider.id}`, undefined, 404, 'NOT_FOUND'],
      [admin, 'DELETE', `/api/seals/${ids.seal}/grants/${member.id}`, undefined, 404, 'NOT_FOUND'],
    ];
    for (const [who, method, url, payload, status, code] of cases) {
      const res = await server.app.inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(status);
      expect(res.json().error.code, `${method} ${url}`).toBe(code);
    }
    const malformed = await server.app.inject({ method: 'POST', url: '/api/credentials', headers: { ...holder.headers, 'content-type': 'application/json' }, payload: '{"signingPassword": ' });
    expect(malformed.statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it('happy paths: issue, change password (wrong old one refused), import, revoke; seal grant and revoke', async () => {
    const call = (who: Person, method: Method, url: string, payload?: unknown) => server.app.inject({ method, url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const issued = await call(member, 'POST', '/api/credentials', { signingPassword: PASSWORD });
    expect(issued.statusCode).toBe(201);
    const { id } = issued.json() as { id: string };
    expect((await call(member, 'GET', '/api/credentials')).json()).toEqual([expect.objectContaining({ id, status: 'active' })]);
    const wrong = await call(member, 'POST', `/api/credentials/${id}/password`, { oldPassword: 'not my password', newPassword: 'a new signing password' });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'KEY_BAD_PASSWORD']);
    expect((await call(member, 'POST', `/api/credentials/${id}/password`, { oldPassword: PASSWORD, newPassword: 'a new signing password' })).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/api/credentials?userId=${member.id}`)).json()).toHaveLength(1);
    expect((await call(member, 'GET', `/api/credentials?userId=${holder.id}`)).statusCode).toBe(403);

    const caKey = await generateKeyPair('ec-p256');
    const now = new Date();
    const later = new Date(now.getTime() + 365 * 86_400_000);
    const cert = await issueCertificate({ profile: 'person', subject: { commonName: 'Marc Membre' }, publicKey: caKey.publicKey, privateKey: caKey.privateKey, notBefore: now, notAfter: later });
    const p12 = Buffer.from(writePkcs12({ key: caKey.privateKey, certificate: cert, password: 'p12', iterations: 2048 })).toString('base64');
    const imported = await call(member, 'POST', '/api/credentials/import', { pkcs12: p12, pkcs12Password: 'p12', signingPassword: PASSWORD });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ source: 'imported', subject: 'CN=Marc Membre' });

    const revoked = await call(member, 'POST', `/api/credentials/${id}/revoke`, { reason: 'superseded' });
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    // The organisation's webhook endpoint (subscribed to every event) is told.
    const deliveries = await server.ctx.db.kysely.selectFrom('webhook_deliveries').select(['event', 'payload']).where('org_id', '=', org.id).execute();
    expect(deliveries.map((d) => d.event)).toContain('credential.revoked');
    expect(JSON.parse(deliveries.find((d) => d.event === 'credential.revoked')!.payload)).toMatchObject({ data: { credentialId: id, reason: 'superseded' } });

    expect((await call(admin, 'PUT', `/api/seals/${ids.seal}/grants/${member.id}`)).statusCode).toBe(204);
    expect((await call(member, 'GET', '/api/seals')).json()).toEqual([expect.objectContaining({ id: ids.seal, mayApply: true })]);
    expect((await call(admin, 'GET', `/api/seals/${ids.seal}/grants`)).json()).toEqual([expect.objectContaining({ userId: member.id, grantedBy: admin.id })]);
    expect((await call(admin, 'POST', `/api/seals/${ids.seal}/revoke`, {})).json()).toMatchObject({ status: 'revoked' });
    expect((await call(member, 'GET', '/api/seals')).json()).toEqual([expect.objectContaining({ id: ids.seal, mayApply: false })]);
  });
});
