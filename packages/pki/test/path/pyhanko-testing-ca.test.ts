/** A chain made by another toolkit (pyHanko's static RSA testing CA) validates, and expires when it should. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCertPath } from '../../src/path/index.js';

const ROOT = resolve(__dirname, '../../../../../shared/corpus/pyhanko/crypto/testing-ca');
const pem = (f: string): Uint8Array => {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(readFileSync(join(ROOT, f), 'latin1'));
  return new Uint8Array(Buffer.from(m![1]!, 'base64'));
};

describe("pyHanko's static testing CA", () => {
  const options = (time: string) => ({
    trustAnchors: [pem('root/root.cert.pem')],
    intermediates: [pem('root/interm.cert.pem')],
    time: new Date(time),
    revocation: 'none' as const,
  });

  it('validates Alice at the clock pyHanko pins', async () => {
    const r = await validateCertPath(pem('interm/signer1.cert.pem'), options('2020-11-01T00:00:00Z'));
    expect(r).toMatchObject({ indication: 'PASSED', reasons: [] });
    expect(r.path.length).toBe(3);
  });

  it('reports Alice expired after 2022-01-01', async () => {
    const r = await validateCertPath(pem('interm/signer1.cert.pem'), options('2023-06-01T00:00:00Z'));
    expect(r).toMatchObject({ subIndication: 'OUT_OF_BOUNDS_NO_POE', errorClass: 'Expired' });
  });
});
