/**
 * An administrator creates the seal of a department: one active seal per department, a
 * certificate from the platform CA naming the organisation (O) and the department (OU), its
 * key wrapped by the master key or generated on the configured PKCS#11 token.
 */
import { issueCertificate, parseCertificate, toPem } from '@paraphe/pki';
import { AppError } from '../../errors.js';
import { isoTime } from '../../infra/clock.js';
import { generateSealKey, type SealCustodyKind } from '../../infra/keys/seal-key-custody.js';
import type { Caller } from '../identity/identity-context.js';
import { auditCredential, type CredentialContext } from './credential-context.js';
import { issuedValidity, registerIssuedCertificate } from './certificate-register.js';
import { sealView, type SealView } from './seal-view.js';


export interface CreateSealOptions {
  readonly caller: Caller;
  readonly departmentId: string;
  readonly custody?: SealCustodyKind;
}

export async function createSeal(ctx: CredentialContext, options: CreateSealOptions): Promise<SealView> {
  const { caller } = options;
  if (!caller.roles.includes('administrator')) throw new AppError('FORBIDDEN', 'only administrators create seals');
  const db = ctx.db.kysely;
  const department = await db
    .selectFrom('departments')
    .innerJoin('organisations', 'organisations.id', 'departments.org_id')
    .select(['departments.name', 'organisations.name as orgName'])
    .where('departments.id', '=', options.departmentId)
    .where('departments.org_id', '=', caller.orgId)
    .executeTakeFirst();
  if (!department) throw new AppError('NOT_FOUND', 'department not found');
  await ensureNoActiveSeal(ctx, options.departmentId);

  const id = ctx.ids.id();
  const key = await generateSealKey({ keyWrap: ctx.keyWrap, ...(ctx.config.pkcs11 ? { pkcs11: ctx.config.pkcs11 } : {}) }, options.custody ?? 'server', id);
  const now = ctx.clock();
  const { ca, urls } = ctx.pki;
  const certificate = await issueCertificate({
    profile: 'seal',
    subject: { commonName: `${department.orgName} — ${department.name}`, organization: department.orgName, organizationalUnit: department.name },
    publicKey: key.spki,
    issuer: { certificate: ca.certificate, signer: ca.signer },
    ...issuedValidity(now),
    ocspUrl: urls.ocsp,
    caIssuersUrl: urls.caCert,
    crlUrl: urls.caCrl,
  });
  const parsed = parseCertificate(certificate);
  const ref = key.reference;
  return db.transaction().execute(async (trx) => {
    const issuedId = await registerIssuedCertificate(trx, ctx, { orgId: caller.orgId, kind: 'seal', certificate });
    const row = {
      id,
      org_id: caller.orgId,
      department_id: options.departmentId,
      active_department_id: options.departmentId,
      issued_certificate_id: issuedId,
      subject: parsed.subject,
      certificate_pem: toPem(certificate),
      chain_pem: [ca.certificate, ...ca.chain].map((c) => toPem(c)).join(''),
      custody: ref.custody,
      wrapped_key: ref.custody === 'server' ? ref.wrappedKey : null,
      pkcs11_token_label: ref.custody === 'pkcs11' ? ref.tokenLabel : null,
      pkcs11_key_label: ref.custody === 'pkcs11' ? ref.keyLabel : null,
      pkcs11_key_id: ref.custody === 'pkcs11' ? ref.keyIdHex : null,
      status: 'active' as const,
      revoked_at: null,
      created_at: isoTime(now),
      updated_at: isoTime(now),
    };
    await ensureNoActiveSeal({ db: { ...ctx.db, kysely: trx } }, options.departmentId);
    await trx.insertInto('seals').values(row).execute();
    await auditCredential(trx, ctx, {
      orgId: caller.orgId,
      actor: caller,
      action: 'seal.created',
      target: { type: 'seal', id },
      details: { departmentId: options.departmentId, subject: parsed.subject, serial: parsed.serialHex, custody: ref.custody },
    });
    return sealView(row, parsed.serialHex);
  });
}

async function ensureNoActiveSeal(ctx: Pick<CredentialContext, 'db'>, departmentId: string): Promise<void> {
  const active = await ctx.db.kysely.selectFrom('seals').select('id').where('active_department_id', '=', departmentId).executeTakeFirst();
  if (active) throw new AppError('CONFLICT', 'this department already has an active seal; revoke it first', { sealId: active.id });
}
