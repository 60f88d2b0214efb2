/**
 * A development PKI: root, issuing CA, two persons, a departmental seal, a TSA and an OCSP
 * responder, in memory; written to (or, when already there, loaded from) a directory as PEMs,
 * CRLs and PKCS#12 files. Never for production: the default password is public.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { createCrl, type RevokedEntry } from '../crl/create-crl.js';
import type { OcspCertStatus } from '../ocsp/ocsp-response.js';
import type { RevocationReason } from '../revocation-reason.js';
import { issueCertificate } from '../cert/issue-certificate.js';
import type { SubjectFields } from '../cert/name.js';
import { parseCertificate } from '../cert/parse-certificate.js';
import { toPem } from '../cert/pem.js';
import type { CertificateProfile } from '../cert/profiles.js';
import { PkiError } from '../errors.js';
import { generateKeyPair, type KeyAlgorithm } from '../keys/generate-key-pair.js';
import { createCertId, type OcspCertId } from '../ocsp/cert-id.js';
import { bytesEqual } from '../asn1/bytes.js';
import { keySigner } from '../signers/key-signer.js';
import { loadPkcs12 } from '../signers/pkcs12-read.js';
import { writePkcs12 } from '../signers/pkcs12-write.js';
import { devReadme } from './readme.js';
import type { DevIdentity, DevPki } from './types.js';

/** Public on purpose: development files only. */
export const DEV_PKI_PASSWORD = 'paraphe-dev';

export interface CreateDevPkiOptions {
  /** Write the PKI here; when the directory already holds one (pki.json), load it instead. */
  readonly dir?: string;
  readonly clock: () => Date;
  /** Base of AIA / CRL DP URLs, e.g. http://127.0.0.1:3162 (OCSP at /ocsp, CRLs at /ca.crl, /root.crl). */
  readonly baseUrl?: string;
  readonly password?: string;
  /** Regenerate even if `dir` already holds a PKI. */
  readonly overwrite?: boolean;
}

const YEAR = 365 * 86400e3;
const ORG = 'Ville de Saint-Éloi (développement)';

interface MemberSpec {
  readonly name: 'root' | 'ca' | 'alice' | 'benoit' | 'seal' | 'tsa' | 'ocsp';
  readonly profile: CertificateProfile;
  readonly alg: KeyAlgorithm;
  readonly subject: SubjectFields;
  readonly years: number;
}

const MEMBERS: readonly MemberSpec[] = [
  { name: 'root', profile: 'root', alg: 'rsa-3072', years: 20, subject: { commonName: 'Paraphe Dev Root CA', organization: ORG, country: 'CA' } },
  { name: 'ca', profile: 'ca', alg: 'rsa-3072', years: 10, subject: { commonName: 'Paraphe Dev Issuing CA', organization: ORG, country: 'CA' } },
  { name: 'alice', profile: 'person', alg: 'rsa-2048', years: 3, subject: { commonName: 'Alice Tremblay', givenName: 'Alice', surname: 'Tremblay', organization: ORG, organizationalUnit: 'Direction générale', email: 'alice.tremblay@saint-eloi.example', country: 'CA' } },
  { name: 'benoit', profile: 'person', alg: 'ec-p256', years: 3, subject: { commonName: 'Benoît Gagnon', givenName: 'Benoît', surname: 'Gagnon', organization: ORG, organizationalUnit: 'Greffe', title: 'Greffier', email: 'benoit.gagnon@saint-eloi.example', country: 'CA' } },
  { name: 'seal', profile: 'seal', alg: 'rsa-2048', years: 3, subject: { commonName: 'Greffe — Ville', organization: ORG, organizationalUnit: 'Greffe', country: 'CA' } },
  { name: 'tsa', profile: 'tsa', alg: 'rsa-2048', years: 5, subject: { commonName: 'Paraphe Dev TSA', organization: ORG, country: 'CA' } },
  { name: 'ocsp', profile: 'ocsp', alg: 'ec-p256', years: 3, subject: { commonName: 'Paraphe Dev OCSP Responder', organization: ORG, country: 'CA' } },
];

function identity(privateKey: KeyObject, certificate: Uint8Array, chain: readonly Uint8Array[]): DevIdentity {
  return Object.freeze({ certificate, chain: Object.freeze([...chain]), privateKey, signer: keySigner(privateKey, certificate, chain) });
}

async function generate(clock: () => Date, baseUrl: string | undefined): Promise<Record<MemberSpec['name'], DevIdentity>> {
  const now = clock();
  const notBefore = new Date(now.getTime() - 3600e3); // tolerate clock skew between machines
  const keys = await Promise.all(MEMBERS.map((m) => generateKeyPair(m.alg)));
  const out = {} as Record<MemberSpec['name'], DevIdentity>;
  for (const [i, m] of MEMBERS.entries()) {
    const key = keys[i]!;
    const issuer = m.name === 'root' ? undefined : m.name === 'ca' ? out.root : out.ca;
    const urls =
      baseUrl === undefined || m.name === 'root'
        ? {}
        : m.name === 'ca'
          ? { crlUrl: `${baseUrl}/root.crl`, caIssuersUrl: `${baseUrl}/root.cer` }
          : { crlUrl: `${baseUrl}/ca.crl`, caIssuersUrl: `${baseUrl}/ca.cer`, ...(m.name === 'ocsp' ? {} : { ocspUrl: `${baseUrl}/ocsp` }) };
    const certificate = await issueCertificate({
      profile: m.profile,
      subject: m.subject,
      publicKey: key.publicKey,
      ...(issuer ? { issuer: { certificate: issuer.certificate, signer: issuer.signer } } : { privateKey: key.privateKey }),
      notBefore,
      notAfter: new Date(notBefore.getTime() + m.years * YEAR),
      ...urls,
    });
    const chain = issuer ? [issuer.certificate, ...issuer.chain] : [];
    out[m.name] = identity(key.privateKey, certificate, chain);
  }
  return out;
}

async function load(dir: string, password: string): Promise<Record<MemberSpec['name'], DevIdentity>> {
  const out = {} as Record<MemberSpec['name'], DevIdentity>;
  for (const m of MEMBERS) {
    const p12 = loadPkcs12(new Uint8Array(await readFile(join(dir, `${m.name}.p12`))), password);
    out[m.name] = identity(p12.privateKey, p12.certificate, p12.chain);
  }
  return out;
}

function crlOptions(clock: () => Date, revoked: readonly RevokedEntry[], sequence: number) {
  const now = clock();
  // CRL numbers must grow across reloads too: seconds since the epoch, plus the revocations made since.
  return { thisUpdate: now, nextUpdate: new Date(now.getTime() + 30 * 86400e3), revoked, crlNumber: BigInt(Math.floor(now.getTime() / 1000) + sequence) };
}

async function caCrl(members: Record<MemberSpec['name'], DevIdentity>, clock: () => Date, revoked: readonly RevokedEntry[]): Promise<Uint8Array> {
  return createCrl({ ...crlOptions(clock, revoked, revoked.length), issuer: { certificate: members.ca.certificate, signer: members.ca.signer } });
}

async function writeCrl(dir: string, name: string, crl: Uint8Array): Promise<void> {
  await writeFile(join(dir, `${name}.crl`), crl);
  await writeFile(join(dir, `${name}.crl.pem`), toPem(crl, 'X509 CRL'));
}

async function write(dir: string, pki: DevPki): Promise<void> {
  await mkdir(dir, { recursive: true });
  const put = (name: string, data: Uint8Array | string) => writeFile(join(dir, name), data, typeof data === 'string' ? { encoding: 'utf8' } : { mode: 0o600 });
  for (const m of MEMBERS) {
    const id = pki[m.name];
    await put(`${m.name}.pem`, toPem(id.certificate));
    await put(`${m.name}.p12`, writePkcs12({ key: id.privateKey, certificate: id.certificate, chain: id.chain, password: pki.password, friendlyName: parseCertificate(id.certificate).subjectCommonName }));
  }
  await put('chain.pem', toPem(pki.ca.certificate) + toPem(pki.root.certificate));
  await writeCrl(dir, 'ca', pki.crl);
  await writeCrl(dir, 'root', pki.rootCrl);
  await put('pki.json', `${JSON.stringify({ format: 'paraphe-dev-pki/1', baseUrl: pki.baseUrl ?? null, members: MEMBERS.map((m) => m.name) }, null, 2)}\n`);
  await put('README.txt', devReadme(pki));
}

export async function createDevPki(o: CreateDevPkiOptions): Promise<DevPki> {
  const password = o.password ?? DEV_PKI_PASSWORD;
  const existing = o.dir !== undefined && !o.overwrite && existsSync(join(o.dir, 'pki.json'));
  let baseUrl = o.baseUrl;
  if (existing) {
    const meta = JSON.parse(await readFile(join(o.dir as string, 'pki.json'), 'utf8')) as { format?: string; baseUrl?: string | null };
    if (meta.format !== 'paraphe-dev-pki/1') throw new PkiError('PKI_INVALID_INPUT', `${o.dir}/pki.json is not a Paraphe development PKI`);
    baseUrl = meta.baseUrl ?? undefined;
  }
  const members = existing ? await load(o.dir as string, password) : await generate(o.clock, baseUrl);
  const crl = await caCrl(members, o.clock, []);
  const rootCrl = await createCrl({ ...crlOptions(o.clock, [], 0), issuer: { certificate: members.root.certificate, signer: members.root.signer } });
  const caSubject = parseCertificate(members.ca.certificate).subjectDer;
  const revoked: RevokedEntry[] = [];
  let current = crl;
  const status = (id: OcspCertId): OcspCertStatus => {
    const expected = createCertId(members.alice.certificate, members.ca.certificate, id.hash);
    if (!bytesEqual(id.issuerKeyHash, expected.issuerKeyHash) || !bytesEqual(id.issuerNameHash, expected.issuerNameHash)) return { status: 'unknown' };
    const r = revoked.find((e) => e.serial === id.serialHex);
    return r ? { status: 'revoked', time: r.date, ...(r.reason ? { reason: r.reason } : {}) } : { status: 'good' };
  };
  const revoke = async (certificate: Uint8Array, ro: { date?: Date; reason?: RevocationReason } = {}) => {
    const c = parseCertificate(certificate);
    if (!bytesEqual(c.issuerDer, caSubject)) throw new PkiError('PKI_INVALID_INPUT', `${c.subject} was not issued by the development CA`);
    if (revoked.some((e) => e.serial === c.serialHex)) return;
    revoked.push({ serial: c.serialHex, date: ro.date ?? o.clock(), ...(ro.reason ? { reason: ro.reason } : {}) });
    current = await caCrl(members, o.clock, revoked);
    if (o.dir !== undefined) await writeCrl(o.dir, 'ca', current);
  };
  const pki: DevPki = Object.freeze({
    ...members,
    persons: Object.freeze([members.alice, members.benoit]),
    crl,
    rootCrl,
    trustAnchors: Object.freeze([members.root.certificate]),
    password,
    baseUrl,
    dir: o.dir,
    status,
    revoke,
    currentCrl: () => current,
    files: Object.freeze({ '/ca.crl': () => current, '/root.crl': rootCrl, '/ca.cer': members.ca.certificate, '/root.cer': members.root.certificate }),
  });
  if (o.dir !== undefined) {
    if (existing) {
      // Refresh only the CRLs so a loaded PKI never serves stale revocation data.
      await writeCrl(o.dir, 'ca', crl);
      await writeCrl(o.dir, 'root', rootCrl);
    } else await write(o.dir, pki);
  }
  return pki;
}
