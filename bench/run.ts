/**
 * `npm run bench`: Paraphe's signing and validation speed side by side with pdfsig, @signpdf and
 * @libpdf/core on the same ~20 documents, plus a pure-crypto floor; prints medians and ratios
 * and writes bench/results/latest.json. Each contender runs in its own process, one at a time.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchConfig, WorkerResult } from './config.js';
import { makeBenchInputs } from './inputs.js';
import { prepareBenchPki } from './pki.js';
import { formatSummary, summarize } from './report.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const ALL = ['crypto', 'tsa-roundtrip', 'paraphe-B-B', 'paraphe-B-T', 'pdfsig', 'signpdf', 'libpdf', 'validate-paraphe', 'validate-pdfsig'];
/** BENCH_ONLY=paraphe runs just the in-process parts (crypto, TSA, Paraphe), less sensitive to machine load. */
const only = process.env.BENCH_ONLY;
const CONTENDERS = only === 'paraphe' ? ['crypto', 'tsa-roundtrip', 'paraphe-B-B', 'paraphe-B-T', 'validate-paraphe'] : only ? only.split(',') : ALL;

function runWorker(name: string, configPath: string): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(here, 'worker.ts'), name, configPath],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${name}: ${stderr.trim() || error.message}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult);
      },
    );
  });
}

const work = await mkdtemp(join(tmpdir(), 'paraphe-bench-'));
try {
  process.stdout.write('preparing documents, keys, TSA…\n');
  const inputs = await makeBenchInputs(join(work, 'inputs'));
  const pki = await prepareBenchPki(join(work, 'pki'));
  const outDir = join(work, 'out');
  await mkdir(outDir, { recursive: true });
  const config: BenchConfig = {
    inputs,
    outDir,
    ...pki.files,
    tsaUrl: pki.tsaUrl,
    signedForValidation: await pki.signValidationSet(join(work, 'validation'), 20),
    passes: Number(process.env.BENCH_PASSES ?? 5),
  };
  const configPath = join(work, 'config.json');
  await writeFile(configPath, JSON.stringify(config));

  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const results: WorkerResult[] = [];
  for (const name of CONTENDERS) {
    process.stdout.write(`measuring ${name}…\n`);
    try {
      results.push(await runWorker(name, configPath));
    } catch (error) {
      // A contender that cannot run at all is reported, not fatal: the others still compare.
      process.stdout.write(`  ${name} failed: ${(error as Error).message.split('\n')[0]}\n`);
      results.push({ name, perDocMs: inputs.map(() => Number.NaN), failures: [{ file: '*', reason: (error as Error).message.split('\n')[0] ?? '' }], maxRssKb: Number.NaN });
    }
  }
  await pki.close();

  const summary = summarize(inputs, results, cpus().length, loadAtStart);
  process.stdout.write(`\n${formatSummary(summary)}\n`);
  const resultsDir = join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  // A partial run (BENCH_ONLY) must not overwrite the full comparison.
  await writeFile(join(resultsDir, only ? `partial-${only.replace(/[^a-z0-9-]+/gi, '_')}.json` : 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`\nwritten to bench/results/${only ? `partial-${only.replace(/[^a-z0-9-]+/gi, '_')}.json` : 'latest.json'}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
