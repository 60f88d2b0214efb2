/**
 * Personal signing credentials: issued by the platform CA, key stored only under the signing
 * password (scrypt PBES2, readable by the PKI library and openssl), unlock with lockout,
 * password change, PKCS#12 import, and revocation visible at once in OCSP and the CRL.
 */
import { createPublicKey, verify } from 'node:crypto';
import {
  createOcspRequest,
  decryptPrivateKey,
  derFromInput,
  generateKeyPair,
  issueCertificate,
  parseCertificate,
  parseCrl,
  parseOcspResponse,
  writePkcs12,
} from '@paraphe/pki';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../../src/server.js';
import { manualClock } from '../../src/infra/clock.js';
import { AppError } from '../../src/errors.js';
import { issuePersonalCertificate } from '../../src/domain/credentials/issue-personal-certificate.js';
import { unlockSigner } from '../../src/domain/credentials/unlock-signer.js';
import { changeSigningPassword } from '../../src/domain/credentials/change-signing-password.js';
import { importPkcs12Credential } from '../../src/domain/credentials/import-pkcs12-credential.js';
import { revokeCredential } from '../../src/domain/credentials/revoke-credential.js';
import { answerOcspRequest } from '../../src/domain/credentials/answer-ocsp-request.js';
import { currentCrl } from '../../src/domain/credentials/certificate-revocation-list.js';
import { MAX_FAILED_UNLOCKS, UNLOCK_LOCKOUT_MS } from '../../src/domain/credentials/signing-password-policy.js';
import { forEachDialect } from '../support/dialects.js';
import { createTestOrganisation, type Organisation, type Person } from './support/people.js';

const PASSWORD = 'correct horse battery';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

forEachDialect('personal signing credentials', (fx) => {
  const clock = manualClock(new Date());
  let server: ParapheServer;
  let org: Organisation;
  let mayor: Person;
  let clerk: Person;

  beforeAll(async () => {
    server = await createServer(await fx.config(), { clock });
    org = await createTestOrganisation(server, 'Ville de Saint-Test');
    mayor = await org.person('Hélène Marchand', ['member'], 'Maire');
    clerk = await org.person('Paul Girard', ['clerk']);
  });
  afterAll(async () => server?.close());

  const count = async () =>
    (await server.ctx.db.kysely.selectFrom('signing_credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('issues a certificate naming the person, title, email and organisation, chained to the platform CA', async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: PASSWORD });
    const cert = parseCertificate(derFromInput(view.certificatePem));
    expect(cert.subject).toBe('CN=Hélène Marchand,title=Maire,O=Ville de Saint-Test');
    expect(cert.emails).toEqual([mayor.email]);
    expect(cert.issuer).toBe(parseCertificate(server.ctx.pki.ca.certificate).subject);
    expect(cert.keyUsage).toEqual(expect.arrayContaining(['digitalSignature', 'nonRepudiation']));
    expect(cert.ocspUrls).toEqual([server.ctx.pki.urls.ocsp]);
    expect(cert.crlUrls).toEqual([server.ctx.pki.urls.caCrl]);
    expect(cert.caIssuersUrls).toEqual([server.ctx.pki.urls.caCert]);
    expect(view).toMatchObject({ userId: mayor.id, source: 'issued', status: 'active' });
    expect(JSON.stringify(view)).not.toMatch(/encrypted|PRIVATE KEY/);
  });

  it('stores the key only as scrypt-encrypted PKCS#8 that the signing password opens', async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: clerk.caller, signingPassword: PASSWORD });
    const row = await server.ctx.db.kysely.selectFrom('signing_credentials').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    const stored = new Uint8Array(Buffer.from(row.encrypted_key, 'base64'));
    // The scrypt OID (RFC 7914) is in the PBES2 parameters.
    expect(Buffer.from(stored).includes(Buffer.from([0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b]))).toBe(true);
    // Standard format: the PKI library opens it with the password, and only with it.
    const key = decryptPrivateKey(stored, PASSWORD);
    expect(createPublicKey(key).export({ format: 'der', type: 'spki' })).toEqual(Buffer.from(parseCertificate(derFromInput(view.certificatePem)).spki));
    expect(() => decryptPrivateKey(stored, 'not the password')).toThrow(/wrong password/);
    // Nothing else in the database holds the plain key.
    const pkcs8 = key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(JSON.stringify(row)).not.toContain(pkcs8.slice(0, 40));
  });

  it('unlockSigner gives a Signer whose signatures verify under the certificate', async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: PASSWORD });
    const signer = await unlockSigner(server.ctx, { orgId: org.id, userId: mayor.id, credentialId: view.id, password: PASSWORD });
    const data = new TextEncoder().encode('délibération n° 2026-001');
    const signature = await signer.sign(data, 'SHA-256');
    expect(verify('sha256', data, parseCertificate(signer.certificate).publicKey, signature)).toBe(true);
    expect(signer.chain.map((c) => Buffer.from(c))).toEqual([Buffer.from(server.ctx.pki.ca.certificate), Buffer.from(server.ctx.pki.root.certificate)]);
  });

  it('refuses a wrong password with KEY_BAD_PASSWORD, then locks after repeated failures', async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: PASSWORD });
    const unlock = (password: string) => unlockSigner(server.ctx, { orgId: org.id, userId: mayor.id, credentialId: view.id, password });
    for (let i = 0; i < MAX_FAILED_UNLOCKS - 1; i++) expect((await rejection(unlock('wrong password!'))).code).toBe('KEY_BAD_PASSWORD');
    await unlock(PASSWORD); // a success resets the count
    for (let i = 0; i < MAX_FAILED_UNLOCKS; i++) expect((await rejection(unlock('wrong password!'))).code).toBe('KEY_BAD_PASSWORD');
    expect((await rejection(unlock(PASSWORD))).code).toBe('KEY_LOCKED');
    const events = await server.ctx.db.kysely.selectFrom('audit_events').select('action').where('target_id', '=', view.id).execute();
    expect(events.map((e) => e.action)).toContain('credential.locked');
    clock.advance(UNLOCK_LOCKOUT_MS + 1000);
    await expect(unlock(PASSWORD)).resolves.toBeDefined();
  });

  it("opens only for its holder: another person of the organisation gets NOT_FOUND", async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: PASSWORD });
    const error = await rejection(unlockSigner(server.ctx, { orgId: org.id, userId: clerk.id, credentialId: view.id, password: PASSWORD }));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('changeSigningPassword re-wraps the key: the old password stops working, the new one works', async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: clerk.caller, signingPassword: PASSWORD });
    const wrongOld = await rejection(changeSigningPassword(server.ctx, { caller: clerk.caller, credentialId: view.id, oldPassword: 'nope nope nope', newPassword: 'a brand new secret' }));
    expect(wrongOld.code).toBe('KEY_BAD_PASSWORD');
    await changeSigningPassword(server.ctx, { caller: clerk.caller, credentialId: view.id, oldPassword: PASSWORD, newPassword: 'a brand new secret' });
    const unlock = (password: string) => unlockSigner(server.ctx, { orgId: org.id, userId: clerk.id, credentialId: view.id, password });
    expect((await rejection(unlock(PASSWORD))).code).toBe('KEY_BAD_PASSWORD');
    await expect(unlock('a brand new secret')).resolves.toBeDefined();
  });

  it('refuses a short signing password and stores nothing', async () => {
    const before = await count();
    expect((await rejection(issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: 'short' }))).code).toBe('VALIDATION_FAILED');
    expect(await count()).toBe(before);
  });

  it('imports a PKCS#12 from another CA, re-wrapped under the signing password', async () => {
    const caKey = await generateKeyPair('ec-p256');
    const now = new Date();
    const later = new Date(now.getTime() + 86_400_000 * 365);
    const caCert = await issueCertificate({ profile: 'root', subject: { commonName: 'Commercial CA' }, publicKey: caKey.publicKey, privateKey: caKey.privateKey, notBefore: now, notAfter: later });
    const key = await generateKeyPair('rsa-2048');
    const cert = await issueCertificate({
      profile: 'person',
      subject: { commonName: 'Paul Girard', organization: 'Ville de Saint-Test' },
      publicKey: key.publicKey,
      issuer: { certificate: caCert, signer: { scheme: { kind: 'ecdsa', namedCurve: 'P-256' }, sign: async (d, h) => (await import('@paraphe/pki')).keySigner(caKey.privateKey, caCert).sign(d, h) } },
      notBefore: now,
      notAfter: later,
    });
    const p12 = writePkcs12({ key: key.privateKey, certificate: cert, chain: [caCert], password: 'p12 password', iterations: 2048 });

    const before = await count();
    const bad = await rejection(importPkcs12Credential(server.ctx, { caller: clerk.caller, pkcs12: p12, pkcs12Password: 'wrong', signingPassword: PASSWORD }));
    expect(bad.code).toBe('P12_INVALID');
    const garbage = await rejection(importPkcs12Credential(server.ctx, { caller: clerk.caller, pkcs12: new Uint8Array([1, 2, 3]), pkcs12Password: 'x', signingPassword: PASSWORD }));
    expect(garbage.code).toBe('P12_INVALID');
    expect(await count()).toBe(before);

    const view = await importPkcs12Credential(server.ctx, { caller: clerk.caller, pkcs12: p12, pkcs12Password: 'p12 password', signingPassword: PASSWORD });
    expect(view).toMatchObject({ source: 'imported', issuer: 'CN=Commercial CA', status: 'active' });
    const signer = await unlockSigner(server.ctx, { orgId: org.id, userId: clerk.id, credentialId: view.id, password: PASSWORD });
    expect(Buffer.from(signer.certificate)).toEqual(Buffer.from(cert));
    expect((await rejection(unlockSigner(server.ctx, { orgId: org.id, userId: clerk.id, credentialId: view.id, password: 'p12 password' }))).code).toBe('KEY_BAD_PASSWORD');
  });

  it('revocation shows at once in OCSP and the CRL, and the key no longer unlocks', async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: PASSWORD });
    const cert = derFromInput(view.certificatePem);
    const ask = async () => parseOcspResponse(await answerOcspRequest(server.ctx, createOcspRequest(cert, server.ctx.pki.ca.certificate)));
    expect((await ask()).responses[0]?.status).toBe('good');
    expect(parseCrl(await currentCrl(server.ctx, 'ca')).find(view.serial)).toBeUndefined();

    const revoked = await revokeCredential(server.ctx, { caller: mayor.caller, credentialId: view.id, reason: 'keyCompromise' });
    expect(revoked.status).toBe('revoked');
    const answer = await ask();
    expect(answer.responses[0]).toMatchObject({ status: 'revoked', revocationReason: 'keyCompromise' });
    expect(parseCrl(await currentCrl(server.ctx, 'ca')).find(view.serial)?.reason).toBe('keyCompromise');
    const error = await rejection(unlockSigner(server.ctx, { orgId: org.id, userId: mayor.id, credentialId: view.id, password: PASSWORD }));
    expect(error.code).toBe('CERTIFICATE_REVOKED');
  });

  it('another member cannot revoke a credential that is not theirs; an administrator can', async () => {
    const view = await issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: PASSWORD });
    expect((await rejection(revokeCredential(server.ctx, { caller: clerk.caller, credentialId: view.id }))).code).toBe('NOT_FOUND');
    const admin = await org.person('Admin Istrateur', ['administrator']);
    await expect(revokeCredential(server.ctx, { caller: admin.caller, credentialId: view.id })).resolves.toMatchObject({ status: 'revoked' });
  });

  it('OCSP answers unknown for a serial it never issued, and malformedRequest for garbage', async () => {
    const stranger = await generateKeyPair('ec-p256');
    const fake = await issueCertificate({
      profile: 'person',
      subject: { commonName: 'Nobody' },
      publicKey: stranger.publicKey,
      issuer: { certificate: server.ctx.pki.ca.certificate, signer: { scheme: { kind: 'ecdsa', namedCurve: 'P-256' }, sign: async () => new Uint8Array(64) } },
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 1000_000),
    });
    const answer = parseOcspResponse(await answerOcspRequest(server.ctx, createOcspRequest(fake, server.ctx.pki.ca.certificate)));
    expect(answer.responses[0]?.status).toBe('unknown');
    expect(parseOcspResponse(await answerOcspRequest(server.ctx, new Uint8Array([0x30, 0x01, 0x00]))).responseStatus).toBe('malformedRequest');
  });
});
