/** OpenSSL OCSP vectors (via pyHanko's openssl-ocsp.json): responder signature, responder ID and CertID checks. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCertPath } from '../../src/path/index.js';
import { pyhankoClass } from './pyhanko-classes.js';

const ROOT = resolve(__dirname, '../../../../../shared/corpus/pyhanko/pki/openssl-ocsp');

interface OcspCase {
  name: string;
  root: string;
  cert: string;
  other_certs?: string[];
  ocsps: string[];
  path_len: number;
  moment: string;
  error?: { class: string; msg_regex: string };
}

const cases = JSON.parse(readFileSync(join(ROOT, 'openssl-ocsp.json'), 'utf8')) as OcspCase[];
const pem = (f: string): Uint8Array => {
  const text = readFileSync(join(ROOT, f), 'latin1');
  const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text)![1]!;
  return new Uint8Array(Buffer.from(body, 'base64'));
};
/** `.ors` files hold a base64 OCSPResponse. */
const ors = (f: string): Uint8Array => new Uint8Array(Buffer.from(readFileSync(join(ROOT, f), 'latin1'), 'base64'));

describe('OpenSSL OCSP vectors', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await validateCertPath(pem(c.cert), {
      trustAnchors: [pem(c.root)],
      intermediates: (c.other_certs ?? []).map(pem),
      ocspResponses: c.ocsps.map(ors),
      time: new Date(c.moment),
    });
    const got = result.indication === 'PASSED' ? 'PASSED' : pyhankoClass(result.errorClass);
    expect({ got, reasons: result.reasons }).toMatchObject({ got: c.error ? c.error.class : 'PASSED' });
    if (!c.error) {
      expect(result.path.length).toBe(c.path_len);
      expect(result.revocation).toMatchObject({ status: 'good', source: 'ocsp' });
    }
  });
});
