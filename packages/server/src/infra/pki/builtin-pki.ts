/**
 * The platform's built-in PKI: root → issuing CA, plus TSA and OCSP responder certificates
 * issued by the CA. Created on first start and kept in `pki_material`, private keys wrapped by
 * the master key. Certificates point at the trust-service URLs under PARAPHE_PUBLIC_URL.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import { derFromInput, generateKeyPair, issueCertificate, keySigner, toPem, type CertificateProfile, type KeyAlgorithm, type Signer } from '@paraphe/pki';
import type { Clock } from '../clock.js';
import type { IdSource } from '../ids.js';
import type { Database } from '../db/schema.js';
import type { KeyWrap } from '../keys/master-key.js';

export type BuiltinRole = 'root' | 'ca' | 'tsa' | 'ocsp';

export interface PkiIdentity {
  readonly certificate: Uint8Array;
  /** Issuer first, root last (empty for the root). */
  readonly chain: readonly Uint8Array[];
  readonly privateKey: KeyObject;
  readonly signer: Signer;
}

/** Where the trust services are published; written into issued certificates (AIA, CRL DP). */
export interface PkiUrls {
  readonly ocsp: string;
  readonly tsa: string;
  readonly caCrl: string;
  readonly rootCrl: string;
  readonly caCert: string;
  readonly rootCert: string;
}

export interface BuiltinPki {
  readonly root: PkiIdentity;
  readonly ca: PkiIdentity;
  readonly tsa: PkiIdentity;
  readonly ocsp: PkiIdentity;
  readonly urls: PkiUrls;
}

export function pkiUrls(publicUrl: string): PkiUrls {
  const base = `${publicUrl}/pki`;
  return { ocsp: `${base}/ocsp`, tsa: `${base}/tsa`, caCrl: `${base}/ca.crl`, rootCrl: `${base}/root.crl`, caCert: `${base}/ca.cer`, rootCert: `${base}/root.cer` };
}

interface Spec {
  readonly role: BuiltinRole;
  readonly profile: CertificateProfile;
  readonly alg: KeyAlgorithm;
  readonly commonName: string;
  readonly years: number;
}

// ECDSA P-384 for the CA hierarchy (long-lived), P-256 for the operational certificates.
const SPECS: readonly Spec[] = [
  { role: 'root', profile: 'root', alg: 'ec-p384', commonName: 'Root CA', years: 20 },
  { role: 'ca', profile: 'ca', alg: 'ec-p384', commonName: 'Issuing CA', years: 10 },
  { role: 'tsa', profile: 'tsa', alg: 'ec-p256', commonName: 'Time-Stamping Authority', years: 6 },
  { role: 'ocsp', profile: 'ocsp', alg: 'ec-p256', commonName: 'OCSP Responder', years: 3 },
];

const YEAR_MS = 365 * 86_400_000;

export interface BuiltinPkiOptions {
  readonly db: Kysely<Database>;
  readonly keyWrap: KeyWrap;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly publicUrl: string;
  /** Organisation name in the subjects. */
  readonly organisation?: string;
}

/** Loads the built-in PKI, creating it first when the database has none. */
export async function ensureBuiltinPki(o: BuiltinPkiOptions): Promise<{ pki: BuiltinPki; created: boolean }> {
  const existing = await loadBuiltinPki(o);
  if (existing) return { pki: existing, created: false };
  const urls = pkiUrls(o.publicUrl);
  const now = o.clock();
  const notBefore = new Date(now.getTime() - 3_600_000); // tolerate clock skew of relying parties
  const made: Partial<Record<BuiltinRole, PkiIdentity>> = {};
  const rows: Database['pki_material'][] = [];
  for (const spec of SPECS) {
    const key = await generateKeyPair(spec.alg);
    const issuer = spec.role === 'root' ? undefined : spec.role === 'ca' ? made.root! : made.ca!;
    const aia =
      spec.role === 'root'
        ? {}
        : spec.role === 'ca'
          ? { crlUrl: urls.rootCrl, caIssuersUrl: urls.rootCert }
          : { crlUrl: urls.caCrl, caIssuersUrl: urls.caCert, ...(spec.role === 'ocsp' ? {} : { ocspUrl: urls.ocsp }) };
    const certificate = await issueCertificate({
      profile: spec.profile,
      subject: { commonName: `${o.organisation ?? 'Paraphe'} ${spec.commonName}`, organization: o.organisation ?? 'Paraphe' },
      publicKey: key.publicKey,
      ...(issuer ? { issuer: { certificate: issuer.certificate, signer: issuer.signer } } : { privateKey: key.privateKey }),
      notBefore,
      notAfter: new Date(notBefore.getTime() + spec.years * YEAR_MS),
      ...aia,
    });
    const chain = issuer ? [issuer.certificate, ...issuer.chain] : [];
    made[spec.role] = { certificate, chain, privateKey: key.privateKey, signer: keySigner(key.privateKey, certificate, chain) };
    const pkcs8 = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    rows.push({
      id: o.ids.id(),
      role: spec.role,
      certificate_pem: toPem(certificate),
      wrapped_key: o.keyWrap.wrap(pkcs8, `pki:${spec.role}`),
      created_at: now.toISOString(),
    });
  }
  // Unique role: when two processes start together, one insert wins and the other reloads it.
  const inserted = await o.db.transaction().execute(async (trx) => {
    const result = await trx.insertInto('pki_material').values(rows).onConflict((oc) => oc.column('role').doNothing()).execute();
    return result.reduce((n, r) => n + Number(r.numInsertedOrUpdatedRows ?? 0n), 0);
  });
  if (inserted !== rows.length) {
    const reloaded = await loadBuiltinPki(o);
    if (reloaded) return { pki: reloaded, created: false };
  }
  return { pki: { ...(made as Record<BuiltinRole, PkiIdentity>), urls }, created: true };
}

export async function loadBuiltinPki(o: Pick<BuiltinPkiOptions, 'db' | 'keyWrap' | 'publicUrl'>): Promise<BuiltinPki | undefined> {
  const rows = await o.db.selectFrom('pki_material').selectAll().where('role', 'in', SPECS.map((s) => s.role)).execute();
  if (rows.length === 0) return undefined;
  const byRole = new Map(rows.map((r) => [r.role, r]));
  const out: Partial<Record<BuiltinRole, PkiIdentity>> = {};
  for (const spec of SPECS) {
    const row = byRole.get(spec.role);
    if (!row || !row.wrapped_key) throw new Error(`built-in PKI is incomplete: no ${spec.role} in pki_material`);
    const certificate = derFromInput(row.certificate_pem);
    const privateKey = createPrivateKey({ key: o.keyWrap.unwrap(row.wrapped_key, `pki:${spec.role}`), format: 'der', type: 'pkcs8' });
    const issuer = spec.role === 'root' ? undefined : spec.role === 'ca' ? out.root! : out.ca!;
    const chain = issuer ? [issuer.certificate, ...issuer.chain] : [];
    out[spec.role] = { certificate, chain, privateKey, signer: keySigner(privateKey, certificate, chain) };
  }
  return { ...(out as Record<BuiltinRole, PkiIdentity>), urls: pkiUrls(o.publicUrl) };
}
