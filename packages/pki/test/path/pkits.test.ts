/** NIST PKITS (via pyHanko's pkits.json): every case gives the stated outcome. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCertPath, type PathValidationOptions } from '../../src/path/index.js';
import { pyhankoClass } from './pyhanko-classes.js';

const ROOT = resolve(__dirname, '../../../../../shared/corpus/pyhanko/pki/nist_pkits');

interface PkitsCase {
  id: string;
  name: string;
  cert: string;
  other_certs?: string[];
  crls?: string[];
  path_len: number;
  path_intermediates?: string[];
  revocation?: boolean;
  params?: {
    user_initial_policy_set?: string[];
    initial_explicit_policy?: boolean;
    initial_policy_mapping_inhibit?: boolean;
    initial_any_policy_inhibit?: boolean;
  };
  error?: { class: string; msg_regex: string };
}

const cases = JSON.parse(readFileSync(join(ROOT, 'pkits.json'), 'utf8')) as PkitsCase[];
const exceptions = JSON.parse(readFileSync(join(__dirname, 'pkits-exceptions.json'), 'utf8')) as Record<string, string>;
const cert = (f: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'certs', f)));
const crl = (f: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'crls', f)));

// pyHanko pins the clock to 2022-05-01 and rejects md2/md5.
const algorithmPolicy: PathValidationOptions['algorithmPolicy'] = (alg) =>
  alg.hash === 'md2' || alg.hash === 'md5' ? `${alg.hash} is not allowed` : null;

/** The fine-grained errorClass each pyHanko message stands for (first matching pattern wins). */
const EXPECTED_FINE_CLASS: [RegExp, string[]][] = [
  [/signature of .* could not be verified/, ['InvalidSignature']],
  [/is not valid until/, ['NotYetValid']],
  [/expired/, ['Expired']],
  [/issuer name could not be matched/, ['NameChaining', 'NoChain']],
  [/is not a CA/, ['NotCA']],
  [/maximum path length/, ['PathLength']],
  [/not allowed to sign certificates/, ['KeyUsage']],
  [/policy mapping for the "any policy"/, ['PolicyMapping']],
  [/no valid set of policies/, ['Policy']],
  [/namespace of the issuing authority/, ['NameConstraints']],
  [/unsupported critical extension/, ['UnknownCriticalExtension']],
  [/CRL issuer certificate path could not be validated|not authorized to sign/, ['CRLIssuerInvalid']],
  [/CRL indicates .* revoked/, ['Revoked']],
  [/no revocation information could be found/, ['RevocationUnavailable', 'CRLScope']],
  [/CRL signature could not be verified/, ['CRLInvalid']],
  [/unrecognized critical extensions/, ['CRLInvalid']],
  [/CRL only contains/, ['CRLScope', 'RevocationUnavailable']],
  [/do not cover all revocation reasons/, ['CRLReasonsNotCovered']],
  [/CRL is not recent enough/, ['RevocationStale', 'CRLInvalid']],
];

function expectedFineClasses(msgRegex: string): string[] | null {
  return EXPECTED_FINE_CLASS.find(([re]) => re.test(msgRegex.replace(/\\/g, '')))?.[1] ?? null;
}

describe('NIST PKITS', () => {
  it.each(cases.map((c) => [`${c.id} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const key = `${c.id} ${c.name}`;
    const params = c.params ?? {};
    const options: PathValidationOptions = {
      trustAnchors: [cert('TrustAnchorRootCertificate.crt')],
      intermediates: (c.path_intermediates ?? c.other_certs ?? []).map(cert),
      crls: ['TrustAnchorRootCRL.crl', ...(c.crls ?? [])].map(crl),
      time: new Date('2022-05-01T00:00:00Z'),
      revocation: c.revocation === false ? 'if-available' : 'require',
      algorithmPolicy,
      policy: {
        ...(params.user_initial_policy_set ? { initialPolicySet: params.user_initial_policy_set } : {}),
        explicitPolicy: !!params.initial_explicit_policy,
        inhibitPolicyMapping: !!params.initial_policy_mapping_inhibit,
        inhibitAnyPolicy: !!params.initial_any_policy_inhibit,
      },
    };
    const result = await validateCertPath(cert(c.cert), options);
    const got = result.indication === 'PASSED' ? 'PASSED' : pyhankoClass(result.errorClass);
    const want = c.error ? c.error.class : 'PASSED';
    if (key in exceptions) {
      expect(got, `${key} is listed as an exception and must still differ`).not.toBe(want);
      return;
    }
    expect({ got, reasons: result.reasons }).toMatchObject({ got: want });
    if (!c.error) expect(result.path.length).toBe(c.path_len);
    else {
      expect(result.reasons.length).toBeGreaterThan(0);
      const fine = expectedFineClasses(c.error.msg_regex);
      expect(fine, `no fine class known for: ${c.error.msg_regex}`).not.toBeNull();
      expect(fine).toContain(result.errorClass);
    }
  });
});
