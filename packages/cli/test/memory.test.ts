/**
 * Memory is a functional limit: signing a 10 MB and a 100 MB PDF through the CLI must peak at
 * no more than about twice the file plus a fixed baseline (the runtime, the libraries).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBigPdf } from './support/big-pdf.js';
import { runCli } from './support/cli.js';
import { DEV } from './support/dev-pki-files.js';

const BASELINE_BYTES = 150 * 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paraphe-memory-'));
  const init = await runCli(['pki', 'init', join(dir, 'pki')]);
  expect(init.code, init.stderr).toBe(0);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function sha256Prefix(path: string, length: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { start: 0, end: length - 1 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('peak memory of paraphe sign', () => {
  for (const megabytes of [10, 100]) {
    it(`${megabytes} MB input: peak RSS ≤ 2 × file + 150 MB, output = input + incremental update`, async () => {
      const input = join(dir, `big-${megabytes}.pdf`);
      const output = join(dir, `big-${megabytes}-signed.pdf`);
      const report = join(dir, `rss-${megabytes}.json`);
      await writeBigPdf(input, megabytes * 1_000_000);
      const size = (await stat(input)).size;

      const result = await runCli(['sign', input, '-o', output, '--p12', DEV.alice(join(dir, 'pki'))], {
        ...DEV.passwordEnv(),
        PARAPHE_RESOURCE_REPORT: report,
      });
      expect(result.code, result.stderr).toBe(0);

      const peak = (JSON.parse(await readFile(report, 'utf8')) as { maxRssKb: number }).maxRssKb * 1024;
      expect(peak, `peak RSS ${Math.round(peak / 2 ** 20)} MB for a ${Math.round(size / 2 ** 20)} MB file`).toBeLessThanOrEqual(
        2 * size + BASELINE_BYTES,
      );
      expect((await stat(output)).size).toBeGreaterThan(size);
      expect(await sha256Prefix(output, size)).toBe(await sha256Prefix(input, size));
    });
  }
});
