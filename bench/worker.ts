/**
 * Measures one contender in its own process (so its peak RSS is its own):
 * `node --import tsx bench/worker.ts NAME CONFIG.json` prints a WorkerResult as JSON.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BenchConfig, SignOne, WorkerResult } from './config.js';
import { median, timed } from './stats.js';

const [name, configPath] = process.argv.slice(2);
const config = JSON.parse(await readFile(configPath as string, 'utf8')) as BenchConfig;

async function contender(which: string): Promise<SignOne> {
  switch (which) {
    case 'paraphe-B-B':
      return (await import('./contenders/paraphe.js')).paraphe(config, 'B-B');
    case 'paraphe-B-T':
      return (await import('./contenders/paraphe.js')).paraphe(config, 'B-T');
    case 'pdfsig':
      return (await import('./contenders/pdfsig.js')).pdfsigPeer(config);
    case 'signpdf':
      return (await import('./contenders/signpdf.js')).signpdfPeer(config);
    case 'libpdf':
      return (await import('./contenders/libpdf.js')).libpdfPeer(config);
    case 'tsa-roundtrip':
      return (await import('./contenders/tsa.js')).tsaRoundTrip(config);
    case 'crypto':
      return (await import('./contenders/crypto.js')).cryptoBaseline(config);
    default:
      throw new Error(`unknown contender ${which}`);
  }
}

async function measureSigning(which: string): Promise<WorkerResult> {
  const signOne = await contender(which);
  const failures: WorkerResult['failures'] = [];
  const samples: number[][] = config.inputs.map(() => []);
  const failed = new Set<number>();
  for (let pass = -1; pass < config.passes; pass++) {
    for (const [i, input] of config.inputs.entries()) {
      if (failed.has(i)) continue;
      const output = join(config.outDir, `${which}-${basename(input.path)}`);
      try {
        const ms = await timed(() => signOne(input.path, output));
        if (pass >= 0) samples[i]?.push(ms); // pass -1 warms up caches and the JIT
      } catch (error) {
        failed.add(i);
        failures.push({ file: basename(input.path), reason: String((error as Error).message ?? error).split('\n')[0] ?? '' });
      }
    }
  }
  const maxRssKb = which === 'pdfsig' ? await childPeakRss() : process.resourceUsage().maxRSS;
  return { name: which, perDocMs: samples.map((s) => (s.length ? median(s) : Number.NaN)), failures, maxRssKb };
}

/** Peak RSS of pdfsig over one pass (Node cannot see a child's rusage; Python's RUSAGE_CHILDREN can). */
async function childPeakRss(): Promise<number> {
  const { pdfsigArgs } = await import('./contenders/pdfsig.js');
  const commands = config.inputs.map((input) =>
    ['pdfsig', ...pdfsigArgs(config, input.path, join(config.outDir, `rss-${basename(input.path)}`))].join('\u001f'),
  );
  const script =
    'import resource,subprocess,sys\n' +
    'for a in sys.argv[1:]: subprocess.run(a.split("\\x1f"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n' +
    'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)';
  return new Promise((resolve) =>
    execFile('python3', ['-c', script, ...commands], (error, stdout) => resolve(error ? Number.NaN : Number(stdout.trim()))),
  );
}

async function measureValidation(which: string): Promise<WorkerResult> {
  const files = config.signedForValidation;
  let check: (file: string) => Promise<boolean>;
  if (which === 'validate-paraphe') {
    const { validate } = await import('@paraphe/pades');
    const { readCertificates } = await import('../packages/cli/src/pem.js');
    const trustAnchors = await readCertificates([config.rootPem]);
    const contents = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(f))));
    const byFile = new Map(files.map((f, i) => [f, contents[i] as Uint8Array]));
    check = async (file) => (await validate(byFile.get(file) as Uint8Array, { trustAnchors })).indication === 'TOTAL_PASSED';
  } else {
    check = (file) =>
      new Promise((resolve) =>
        execFile('pdfsig', ['-nssdir', config.nssTrustDb, file], (_error, stdout) =>
          resolve(stdout.includes('Signature is Valid') && stdout.includes('Certificate is Trusted')),
        ),
      );
  }
  for (const file of files) await check(file); // one full warm-up pass (JIT, caches)
  const failures: WorkerResult['failures'] = [];
  const rounds = Math.max(3, config.passes);
  const perRound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (const file of files) {
      if (!(await check(file)) && round === 0) failures.push({ file: basename(file), reason: 'not valid' });
    }
    perRound.push(files.length / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return {
    name: which,
    perDocMs: [],
    failures,
    maxRssKb: process.resourceUsage().maxRSS,
    // The median round, so one round disturbed by other load on the machine does not decide.
    docsPerSecond: median(perRound),
  };
}

const result = name?.startsWith('validate-') ? await measureValidation(name) : await measureSigning(name as string);
process.stdout.write(`${JSON.stringify(result)}\n`);
