/**
 * Departmental seals: one per department, key wrapped by the master key or held on a PKCS#11
 * token (SoftHSM2), applied only by people an administrator granted, every use audited, and
 * revocation visible at once through OCSP.
 */
import { verify } from 'node:crypto';
import { createOcspRequest, derFromInput, parseCertificate, parseOcspResponse } from '@paraphe/pki';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../../src/server.js';
import { AppError } from '../../src/errors.js';
import { createDepartment } from '../../src/domain/identity/create-department.js';
import { createSeal } from '../../src/domain/credentials/create-seal.js';
import { grantSeal, listSealGrants, withdrawSealGrant } from '../../src/domain/credentials/seal-grants.js';
import { unlockSealSigner } from '../../src/domain/credentials/unlock-seal-signer.js';
import { listSeals, revokeSeal } from '../../src/domain/credentials/revoke-seal.js';
import { answerOcspRequest } from '../../src/domain/credentials/answer-ocsp-request.js';
import { forEachDialect } from '../support/dialects.js';
import { createTestOrganisation, type Organisation, type Person } from './support/people.js';
import { createSoftHsmToken, SOFTHSM_MODULE } from './support/softhsm.js';

const TOKEN = 'paraphe-seals';
const PIN = '246810';
let token: { remove(): void };
beforeAll(() => {
  token = createSoftHsmToken(TOKEN, PIN);
});
afterAll(() => token?.remove());

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

forEachDialect('departmental seals', (fx) => {
  let server: ParapheServer;
  let org: Organisation;
  let admin: Person;
  let clerk: Person;
  let member: Person;
  let dept = async (name: string) => createDepartment(server.ctx, { caller: admin.caller, name });

  beforeAll(async () => {
    server = await createServer(await fx.config({ env: { PARAPHE_PKCS11_MODULE: SOFTHSM_MODULE, PARAPHE_PKCS11_TOKEN: TOKEN, PARAPHE_PKCS11_PIN: PIN } }));
    org = await createTestOrganisation(server, 'Ville de Sceaux');
    admin = await org.person('Anne Admin', ['administrator']);
    clerk = await org.person('Claire Greffe', ['clerk']);
    member = await org.person('Marc Membre', ['member']);
    dept = async (name: string) => createDepartment(server.ctx, { caller: admin.caller, name });
  });
  afterAll(async () => server?.close());

  const signAndVerify = async (sealId: string, person: Person) => {
    const signer = await unlockSealSigner(server.ctx, { orgId: org.id, sealId, actor: person.caller, target: { type: 'document', id: 'doc-1' } });
    try {
      const data = new TextEncoder().encode('arrêté municipal');
      const signature = await signer.sign(data, 'SHA-256');
      expect(verify('sha256', data, parseCertificate(signer.certificate).publicKey, signature)).toBe(true);
    } finally {
      signer.close();
    }
  };

  it('creates a server-held seal naming organisation and department; only granted people apply it, each use audited', async () => {
    const treasury = await dept('Trésorerie');
    const seal = await createSeal(server.ctx, { caller: admin.caller, departmentId: treasury.id });
    const cert = parseCertificate(derFromInput(seal.certificatePem));
    expect(cert.subject).toBe('CN=Ville de Sceaux — Trésorerie,OU=Trésorerie,O=Ville de Sceaux');
    expect(cert.ocspUrls).toEqual([server.ctx.pki.urls.ocsp]);
    expect(seal).toMatchObject({ custody: 'server', status: 'active', departmentId: treasury.id });
    const row = await server.ctx.db.kysely.selectFrom('seals').selectAll().where('id', '=', seal.id).executeTakeFirstOrThrow();
    expect(row.wrapped_key).toMatch(/^aes256gcm-v1\./);

    expect((await rejection(unlockSealSigner(server.ctx, { orgId: org.id, sealId: seal.id, actor: clerk.caller }))).code).toBe('FORBIDDEN');
    await grantSeal(server.ctx, { caller: admin.caller, sealId: seal.id, userId: clerk.id });
    await signAndVerify(seal.id, clerk);
    expect((await listSealGrants(server.ctx, admin.caller, seal.id)).map((g) => g.userId)).toEqual([clerk.id]);
    expect((await listSeals(server.ctx, clerk.caller)).find((s) => s.id === seal.id)?.mayApply).toBe(true);
    expect((await listSeals(server.ctx, member.caller)).find((s) => s.id === seal.id)?.mayApply).toBe(false);

    const events = await server.ctx.db.kysely.selectFrom('audit_events').selectAll().where('target_id', '=', seal.id).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['seal.created', 'seal.granted', 'seal.used']);
    const used = events[2]!;
    expect(used.actor_id).toBe(clerk.id);
    expect(JSON.parse(used.details)).toMatchObject({ on: { type: 'document', id: 'doc-1' } });

    await withdrawSealGrant(server.ctx, { caller: admin.caller, sealId: seal.id, userId: clerk.id });
    expect((await rejection(unlockSealSigner(server.ctx, { orgId: org.id, sealId: seal.id, actor: clerk.caller }))).code).toBe('FORBIDDEN');
  });

  it('keeps one active seal per department', async () => {
    const works = await dept('Travaux');
    await createSeal(server.ctx, { caller: admin.caller, departmentId: works.id });
    expect((await rejection(createSeal(server.ctx, { caller: admin.caller, departmentId: works.id }))).code).toBe('CONFLICT');
  });

  it('holds a seal key on a PKCS#11 token (SoftHSM2): nothing wrapped in the database, signatures verify', async () => {
    const planning = await dept('Urbanisme');
    const seal = await createSeal(server.ctx, { caller: admin.caller, departmentId: planning.id, custody: 'pkcs11' });
    expect(seal.custody).toBe('pkcs11');
    const row = await server.ctx.db.kysely.selectFrom('seals').selectAll().where('id', '=', seal.id).executeTakeFirstOrThrow();
    expect(row.wrapped_key).toBeNull();
    expect(row.pkcs11_token_label).toBe(TOKEN);
    await grantSeal(server.ctx, { caller: admin.caller, sealId: seal.id, userId: member.id });
    await signAndVerify(seal.id, member);
  });

  it('revocation: OCSP says revoked at once, the seal no longer opens, the department may get a new one', async () => {
    const registry = await dept('État civil');
    const seal = await createSeal(server.ctx, { caller: admin.caller, departmentId: registry.id });
    await grantSeal(server.ctx, { caller: admin.caller, sealId: seal.id, userId: clerk.id });
    const ask = async () =>
      parseOcspResponse(await answerOcspRequest(server.ctx, createOcspRequest(derFromInput(seal.certificatePem), server.ctx.pki.ca.certificate))).responses[0]?.status;
    expect(await ask()).toBe('good');
    await revokeSeal(server.ctx, { caller: admin.caller, sealId: seal.id, reason: 'cessationOfOperation' });
    expect(await ask()).toBe('revoked');
    expect((await rejection(unlockSealSigner(server.ctx, { orgId: org.id, sealId: seal.id, actor: clerk.caller }))).code).toBe('CERTIFICATE_REVOKED');
    await expect(createSeal(server.ctx, { caller: admin.caller, departmentId: registry.id })).resolves.toMatchObject({ status: 'active' });
  });

  it('refuses non-administrators and other organisations', async () => {
    const culture = await dept('Culture');
    expect((await rejection(createSeal(server.ctx, { caller: clerk.caller, departmentId: culture.id }))).code).toBe('FORBIDDEN');
    const seal = await createSeal(server.ctx, { caller: admin.caller, departmentId: culture.id });
    expect((await rejection(grantSeal(server.ctx, { caller: clerk.caller, sealId: seal.id, userId: clerk.id }))).code).toBe('FORBIDDEN');
    const other = await createTestOrganisation(server, 'Autre Ville');
    const otherAdmin = await other.person('Otto Admin', ['administrator']);
    expect((await rejection(grantSeal(server.ctx, { caller: otherAdmin.caller, sealId: seal.id, userId: otherAdmin.id }))).code).toBe('NOT_FOUND');
    expect((await rejection(createSeal(server.ctx, { caller: otherAdmin.caller, departmentId: culture.id }))).code).toBe('NOT_FOUND');
    expect((await rejection(unlockSealSigner(server.ctx, { orgId: other.id, sealId: seal.id, actor: otherAdmin.caller }))).code).toBe('NOT_FOUND');
    // A grant to a person of another organisation is refused too.
    expect((await rejection(grantSeal(server.ctx, { caller: admin.caller, sealId: seal.id, userId: otherAdmin.id }))).code).toBe('NOT_FOUND');
  });
});
