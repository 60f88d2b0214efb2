/**
 * A person obtains a signing certificate from the platform's issuing CA: CN = their name,
 * title, email in the subjectAltName, O = the organisation. The key pair is generated here in
 * memory and stored only encrypted under the person's signing password.
 */
import { generateKeyPair, issueCertificate, type KeyAlgorithm } from '@paraphe/pki';
import { AppError } from '../../errors.js';
import type { Caller } from '../identity/identity-context.js';
import { auditCredential, type CredentialContext } from './credential-context.js';
import { credentialView, type CredentialView } from './credential-view.js';
import { issuedValidity, registerIssuedCertificate } from './certificate-register.js';
import { encryptSigningKey } from './signing-key-protection.js';
import { checkNewSigningPassword } from './signing-password-policy.js';
import { storeSigningCredential } from './store-signing-credential.js';

export const PERSONAL_KEY_ALGORITHMS = ['ec-p256', 'rsa-3072'] as const satisfies readonly KeyAlgorithm[];
export type PersonalKeyAlgorithm = (typeof PERSONAL_KEY_ALGORITHMS)[number];


export interface IssuePersonalCertificateOptions {
  readonly caller: Caller;
  readonly signingPassword: string;
  readonly algorithm?: PersonalKeyAlgorithm;
}

export async function issuePersonalCertificate(ctx: CredentialContext, options: IssuePersonalCertificateOptions): Promise<CredentialView> {
  const { caller } = options;
  if (caller.type !== 'user' || !caller.id) throw new AppError('FORBIDDEN', 'only a person can obtain a personal signing certificate');
  checkNewSigningPassword(options.signingPassword);
  const userId = caller.id;
  const db = ctx.db.kysely;
  const user = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.name', 'users.title', 'users.email', 'users.status', 'organisations.name as orgName'])
    .where('users.id', '=', userId)
    .where('users.org_id', '=', caller.orgId)
    .executeTakeFirst();
  if (!user || user.status !== 'active') throw new AppError('NOT_FOUND', 'user not found');

  const now = ctx.clock();
  const key = await generateKeyPair(options.algorithm ?? 'ec-p256');
  const { urls, ca } = ctx.pki;
  const certificate = await issueCertificate({
    profile: 'person',
    subject: { commonName: user.name, organization: user.orgName, email: user.email, ...(user.title ? { title: user.title } : {}) },
    publicKey: key.publicKey,
    issuer: { certificate: ca.certificate, signer: ca.signer },
    ...issuedValidity(now),
    ocspUrl: urls.ocsp,
    caIssuersUrl: urls.caCert,
    crlUrl: urls.caCrl,
  });
  const encrypted = await encryptSigningKey(key.privateKey, options.signingPassword, ctx.ids.random);
  return db.transaction().execute(async (trx) => {
    const issuedId = await registerIssuedCertificate(trx, ctx, { orgId: caller.orgId, kind: 'person', certificate });
    const row = await storeSigningCredential(trx, ctx, {
      orgId: caller.orgId,
      userId,
      source: 'issued',
      issuedCertificateId: issuedId,
      certificate,
      chain: [ca.certificate, ...ca.chain],
      encryptedKey: encrypted,
      now,
    });
    await auditCredential(trx, ctx, {
      orgId: caller.orgId,
      actor: caller,
      action: 'credential.issued',
      target: { type: 'signing_credential', id: row.id },
      details: { subject: row.subject, serial: row.serial_hex, notAfter: row.not_after },
    });
    return credentialView(row);
  });
}
