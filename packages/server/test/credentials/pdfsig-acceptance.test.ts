/**
 * Acceptance: a certificate issued by the platform, used through `paraphe sign` (B-T with the
 * platform's TSA), gives a PDF that poppler's pdfsig — trusting only the platform root and
 * asking the platform's OCSP responder over loopback — reports valid and trusted. After the
 * certificate is revoked, `openssl ocsp` against the server says revoked and pdfsig reports
 * the certificate revoked.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derFromInput, toPem, writePkcs12 } from '@paraphe/pki';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type ParapheServer } from '../../src/server.js';
import { issuePersonalCertificate } from '../../src/domain/credentials/issue-personal-certificate.js';
import { openCredentialKey } from '../../src/domain/credentials/open-credential-key.js';
import { revokeCredential } from '../../src/domain/credentials/revoke-credential.js';
import { forEachDialect } from '../support/dialects.js';
import { createTestOrganisation, type Person } from './support/people.js';
import { freePort, requireTool, run, runOk, runParaphe } from './support/tools.js';

const SIGNING_PASSWORD = 'mayor signing password';

forEachDialect('pdfsig acceptance', (fx) => {
  let server: ParapheServer;
  let base: string;
  let dir: string;
  let nssDb: string;
  let mayor: Person;

  beforeAll(async () => {
    for (const tool of ['pdfsig', 'certutil', 'openssl', 'gs']) requireTool(tool);
    dir = await mkdtemp(join(tmpdir(), 'paraphe-acceptance-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = await fx.config({ env: { PORT: String(port), PARAPHE_PUBLIC_URL: base } });
    server = await createServer(config);
    await server.listen();
    const org = await createTestOrganisation(server, 'Ville de Pdfsig');
    mayor = await org.person('Hélène Marchand', ['member'], 'Maire');

    await writeFile(join(dir, 'root.pem'), toPem(server.ctx.pki.root.certificate));
    await writeFile(join(dir, 'ca.pem'), toPem(server.ctx.pki.ca.certificate));
    nssDb = `sql:${join(dir, 'nss')}`;
    await runOk('mkdir', ['-p', join(dir, 'nss')]);
    await runOk('certutil', ['-N', '-d', nssDb, '--empty-password']);
    await runOk('certutil', ['-A', '-d', nssDb, '-n', 'paraphe-root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')]);
    await runOk('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${join(dir, 'input.pdf')}`, '-c', '/Helvetica findfont 20 scalefont setfont 72 700 moveto (Deliberation 2026-001) show showpage']);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('pdfsig says valid and trusted, then revoked after revocation; openssl ocsp agrees', async () => {
    const credential = await issuePersonalCertificate(server.ctx, { caller: mayor.caller, signingPassword: SIGNING_PASSWORD });
    // Export for the CLI: the key opened with the holder's password, written as PKCS#12.
    const opened = await openCredentialKey(server.ctx, { orgId: mayor.orgId, userId: mayor.id, credentialId: credential.id, password: SIGNING_PASSWORD, actor: mayor.caller });
    const p12 = writePkcs12({ key: opened.privateKey, certificate: opened.certificate, chain: opened.chain, password: 'export password', iterations: 2048 });
    await writeFile(join(dir, 'mayor.p12'), p12);
    await writeFile(join(dir, 'mayor.pem'), credential.certificatePem);

    const signed = join(dir, 'signed.pdf');
    const sign = await runParaphe(
      ['sign', join(dir, 'input.pdf'), '-o', signed, '--p12', join(dir, 'mayor.p12'), '--password-env', 'MAYOR_P12', '--level', 'B-T', '--tsa', `${base}/pki/tsa`],
      { MAYOR_P12: 'export password' },
    );
    expect(sign.code, sign.stderr).toBe(0);

    const before = await run('pdfsig', ['-nssdir', nssDb, signed]);
    expect(before.stdout, before.stdout + before.stderr).toContain('Signature is Valid.');
    expect(before.stdout, before.stdout + before.stderr).toContain('Certificate is Trusted.');
    expect(before.stdout).toContain('Hélène Marchand');

    const ocsp = (cert: string) =>
      run('openssl', ['ocsp', '-issuer', join(dir, 'ca.pem'), '-cert', cert, '-url', `${base}/pki/ocsp`, '-CAfile', join(dir, 'root.pem'), '-no_nonce']);
    const good = await ocsp(join(dir, 'mayor.pem'));
    expect(good.stdout + good.stderr).toMatch(/mayor\.pem: good/);
    expect(good.stderr + good.stdout).toContain('Response verify OK');

    await revokeCredential(server.ctx, { caller: mayor.caller, credentialId: credential.id, reason: 'keyCompromise' });

    const revoked = await ocsp(join(dir, 'mayor.pem'));
    expect(revoked.stdout + revoked.stderr).toMatch(/mayor\.pem: revoked/);
    expect(revoked.stdout).toMatch(/Reason: keyCompromise/);
    expect(revoked.stderr + revoked.stdout).toContain('Response verify OK');

    const after = await run('pdfsig', ['-nssdir', nssDb, signed]);
    expect(after.stdout, after.stdout + after.stderr).toContain('Signature is Valid.');
    expect(after.stdout, after.stdout + after.stderr).toContain('Certificate has been Revoked.');
  });

  it('serves the CRLs and CA certificates at the URLs written into the certificates', async () => {
    for (const path of ['/pki/ca.crl', '/pki/crl/ca.crl', '/pki/root.crl']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pkix-crl');
      const file = join(dir, 'x.crl');
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      const issuerPem = path.includes('root') ? 'root.pem' : 'ca.pem';
      const check = await run('openssl', ['crl', '-inform', 'DER', '-in', file, '-noout', '-CAfile', join(dir, issuerPem), '-verify']);
      expect(check.stdout + check.stderr, path).toContain('verify OK');
    }
    for (const [path, cert] of [['/pki/ca.cer', server.ctx.pki.ca.certificate], ['/pki/ca/ca.cer', server.ctx.pki.ca.certificate], ['/pki/root.cer', server.ctx.pki.root.certificate]] as const) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('content-type'), path).toBe('application/pkix-cert');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(derFromInput(cert)));
    }
    expect((await fetch(`${base}/pki/crl/other.crl`)).status).toBe(400);
  });
});
