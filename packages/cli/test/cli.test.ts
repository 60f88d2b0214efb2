/**
 * The `paraphe` command as users run it: each command end to end in a child process, and each
 * kind of bad input ending with one coded error line, a non-zero exit and no partial output.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV } from './support/dev-pki-files.js';
import { freePort, runCli, startCliServer, type CliResult, type CliServer } from './support/cli.js';
import { ghostscriptPdf } from './support/inputs.js';
import { runToolOk } from './support/tools.js';

// Each test spawns the CLI several times; shared CI machines can be slow, so allow time.
const SLOW = { timeout: 180_000 };
const ONE_ERROR_LINE = /^paraphe: error [A-Z][A-Z0-9_]*: [^\n]+\n$/;

let dir: string;
let pki: string;
let input: string;
let tsa: CliServer;
let ocsp: CliServer;

function expectOneErrorLine(result: CliResult, code?: string) {
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.stderr).toMatch(ONE_ERROR_LINE);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  if (code) expect(result.stderr).toContain(`error ${code}:`);
}

async function verifyJson(file: string, extra: string[] = []) {
  const result = await runCli(['verify', file, '--trust', DEV.root(pki), '--json', ...extra]);
  return { result, report: JSON.parse(result.stdout || '{}') as { indication: string; signatures: { level: string | null; field: string; type: string }[] } };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paraphe-cli-'));
  pki = join(dir, 'pki');
  const ocspPort = await freePort();
  const init = await runCli(['pki', 'init', pki, '--base-url', `http://127.0.0.1:${ocspPort}`]);
  expect(init.code, init.stderr).toBe(0);
  input = await ghostscriptPdf(dir, 'input', 2);
  [tsa, ocsp] = await Promise.all([
    startCliServer(['tsa', 'serve', '--port', '0', '--pki', pki]),
    startCliServer(['ocsp', 'serve', '--port', String(ocspPort), '--pki', pki]),
  ]);
});

afterAll(async () => {
  await Promise.all([tsa?.stop(), ocsp?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.concurrent('paraphe --help / --version', SLOW, () => {
  it('prints the usage of every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['sign', 'verify', 'timestamp', 'ltv', 'pki init', 'tsa serve', 'ocsp serve']) {
      expect(result.stdout).toContain(command);
    }
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`paraphe ${pkg.version}`);
  });

  it('rejects an unknown command with a usage error', async () => {
    const result = await runCli(['frobnicate']);
    expectOneErrorLine(result, 'CLI_USAGE');
    expect(result.code).toBe(2);
  });
});

describe('paraphe pki init', SLOW, () => {
  it('writes the development PKI files', async () => {
    for (const file of [DEV.root(pki), DEV.alice(pki), DEV.benoit(pki), join(pki, 'README.txt')]) {
      expect(existsSync(file), file).toBe(true);
    }
  });
});

describe.concurrent('paraphe sign + verify', SLOW, () => {
  // Files other tests build on are signed once, up front, in parallel.
  beforeAll(async () => {
    const [bb, bt] = await Promise.all([
      runCli(['sign', input, '-o', join(dir, 'bb.pdf'), '--p12', DEV.alice(pki)], DEV.passwordEnv()),
      runCli(
        ['sign', input, '-o', join(dir, 'bt.pdf'), '--p12', DEV.benoit(pki), '--tsa', tsa.url, '--field', 'Maire',
          '--visible', '1,72,72,200,60', '--reason', 'Approbation', '--location', 'Hôtel de ville'],
        DEV.passwordEnv(),
      ),
    ]);
    expect(bb.code, bb.stderr).toBe(0);
    expect(bb.stdout).toContain('(B-B)');
    expect(bt.code, bt.stderr).toBe(0);
  });

  it('signs at B-B by default and verify exits 0 with TOTAL_PASSED', async () => {
    const { result, report } = await verifyJson(join(dir, 'bb.pdf'));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]?.level).toBe('B-B');
  });

  it('signs at B-T when --tsa is given, with visible appearance, reason, location, field name', async () => {
    const out = join(dir, 'bt.pdf');
    const { result, report } = await verifyJson(out);
    expect(result.code, result.stdout).toBe(0);
    expect(report.signatures[0]).toMatchObject({ level: 'B-T', field: 'Maire' });
    expect((await readFile(out)).toString('latin1')).toContain('/Reason');
  });

  it('signs at B-LT and B-LTA with revocation data from the AIA OCSP responder', async () => {
    await Promise.all(
      ['B-LT', 'B-LTA'].map(async (level) => {
        const out = join(dir, `${level}.pdf`);
        const sign = await runCli(['sign', input, '-o', out, '--p12', DEV.alice(pki), '--tsa', tsa.url, '--level', level], DEV.passwordEnv());
        expect(sign.code, sign.stderr).toBe(0);
        const { result, report } = await verifyJson(out);
        expect(result.code, result.stdout).toBe(0);
        expect(report.signatures.find((s) => s.type === 'signature')?.level).toBe(level);
      }),
    );
  });

  it('certifies with --certify and signs with --hash SHA-384', async () => {
    const out = join(dir, 'certified.pdf');
    const sign = await runCli(['sign', input, '-o', out, '--p12', DEV.alice(pki), '--certify', '2', '--hash', 'SHA-384'], DEV.passwordEnv());
    expect(sign.code, sign.stderr).toBe(0);
    expect((await readFile(out)).toString('latin1')).toMatch(/\/DocMDP/);
    expect((await verifyJson(out)).result.code).toBe(0);
  });

  it('verify prints a French summary with --lang fr and exits 1 without a trust anchor', async () => {
    const out = join(dir, 'bb.pdf');
    const result = await runCli(['verify', out, '--lang', 'fr']);
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it('verify exits 1 on a tampered signed file', async () => {
    const bytes = await readFile(join(dir, 'bb.pdf'));
    const at = bytes.indexOf('/MediaBox'); // inside the signed range
    bytes[at + 2] = bytes[at + 2] === 0x41 ? 0x42 : 0x41;
    const tampered = join(dir, 'tampered.pdf');
    await writeFile(tampered, bytes);
    const { result, report } = await verifyJson(tampered);
    expect(result.code).toBe(1);
    expect(report.indication).not.toBe('TOTAL_PASSED');
  });

  it('verify exits 2 when the file cannot be read', async () => {
    const garbage = join(dir, 'garbage.pdf');
    await writeFile(garbage, 'this is not a PDF at all\n');
    const [missing, unreadable] = await Promise.all([runCli(['verify', join(dir, 'nope.pdf')]), runCli(['verify', garbage])]);
    expect(missing.code).toBe(2);
    expectOneErrorLine(missing);
    expect(unreadable.code).toBe(2);
    expectOneErrorLine(unreadable);
  });
});

describe('paraphe timestamp / ltv', SLOW, () => {
  it('adds validation data, a document timestamp, and renews it', async () => {
    const signed = join(dir, 'bt.pdf');
    const ltv = join(dir, 'ltv.pdf');
    const stamped = join(dir, 'stamped.pdf');
    const renewed = join(dir, 'renewed.pdf');
    expect((await runCli(['ltv', signed, '-o', ltv])).code).toBe(0);
    expect((await verifyJson(ltv)).report.signatures[0]?.level).toBe('B-LT');
    const ts = await runCli(['timestamp', ltv, '-o', stamped, '--tsa', tsa.url]);
    expect(ts.code, ts.stderr).toBe(0);
    const stampedReport = (await verifyJson(stamped)).report;
    expect(stampedReport.signatures.map((s) => s.type)).toEqual(['signature', 'doc-timestamp']);
    expect(stampedReport.signatures[0]?.level).toBe('B-LTA');
    const renew = await runCli(['timestamp', stamped, '-o', renewed, '--tsa', tsa.url, '--renew']);
    expect(renew.code, renew.stderr).toBe(0);
    const { result, report } = await verifyJson(renewed);
    expect(result.code, result.stdout).toBe(0);
    expect(report.signatures.filter((s) => s.type === 'doc-timestamp')).toHaveLength(2);
  });
});

describe.concurrent('bad input: one error line, non-zero exit, no output file', SLOW, () => {
  async function expectSignFails(args: string[], env: Record<string, string>, code?: string) {
    const work = await mkdtemp(join(dir, 'fail-'));
    const out = join(work, 'out.pdf');
    const result = await runCli(['sign', ...args, '-o', out], env);
    expectOneErrorLine(result, code);
    expect(await readdir(work)).toEqual([]); // neither OUT nor a temporary file
    return result;
  }

  it('not a PDF', async () => {
    const garbage = join(dir, 'not-a-pdf.pdf');
    await writeFile(garbage, 'hello, I am a text file\n'.repeat(20));
    await expectSignFails([garbage, '--p12', DEV.alice(pki)], DEV.passwordEnv());
  });

  it('encrypted PDF without password', async () => {
    const encrypted = join(dir, 'encrypted.pdf');
    await runToolOk('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', input, encrypted]);
    const result = await expectSignFails([encrypted, '--p12', DEV.alice(pki)], DEV.passwordEnv());
    expect(result.stderr).toMatch(/ENCRYPT/);
  });

  it('wrong PKCS#12 password (and the password is never printed)', async () => {
    const result = await expectSignFails([input, '--p12', DEV.alice(pki)], { PARAPHE_P12_PASSWORD: 'wrong-Secret-42' }, 'P12_BAD_PASSWORD');
    expect(result.stderr + result.stdout).not.toContain('wrong-Secret-42');
  });

  it('the password comes from the variable named by --password-env', async () => {
    const out = join(dir, 'password-env.pdf');
    const [[name, value]] = Object.entries(DEV.passwordEnv()) as [[string, string]];
    const result = await runCli(['sign', input, '-o', out, '--p12', DEV.alice(pki), '--password-env', 'MY_P12_PW'], { MY_P12_PW: value });
    expect(result.code, result.stderr).toBe(0);
    expect(name).toBe('PARAPHE_P12_PASSWORD');
    expect(result.stdout + result.stderr).not.toContain(value || '\u0000');
  });

  it('unknown level', async () => {
    await expectSignFails([input, '--p12', DEV.alice(pki), '--level', 'B-XL'], DEV.passwordEnv(), 'CLI_UNKNOWN_LEVEL');
  });

  it('missing input file and missing PKCS#12 file', async () => {
    await Promise.all([
      expectSignFails([join(dir, 'absent.pdf'), '--p12', DEV.alice(pki)], DEV.passwordEnv(), 'CLI_FILE_NOT_FOUND'),
      expectSignFails([input, '--p12', join(dir, 'absent.p12')], DEV.passwordEnv(), 'CLI_FILE_NOT_FOUND'),
    ]);
  });

  it('a level needing a timestamp without --tsa, and an unknown option', async () => {
    await Promise.all([
      expectSignFails([input, '--p12', DEV.alice(pki), '--level', 'B-LT'], DEV.passwordEnv(), 'CLI_TSA_REQUIRED'),
      expectSignFails([input, '--p12', DEV.alice(pki), '--password', 'x'], DEV.passwordEnv(), 'CLI_USAGE'),
    ]);
  });

  it('an unreachable TSA fails cleanly', async () => {
    const port = await freePort();
    await expectSignFails([input, '--p12', DEV.alice(pki), '--tsa', `http://127.0.0.1:${port}/`], DEV.passwordEnv());
  });
});
