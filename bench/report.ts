/** Turns worker results into the printed table and the JSON written to bench/results/latest.json. */
import { loadavg } from 'node:os';
import type { BenchInput } from './inputs.js';
import type { WorkerResult } from './config.js';
import { median, ratio, round } from './stats.js';

export interface BenchSummary {
  date: string;
  machine: { cpus: number; node: string; loadAverage1mAtStart: number; loadAverage1m: number };
  documents: { count: number; minBytes: number; maxBytes: number; kinds: Record<string, number> };
  signing: { name: string; medianMs: number; handled: number; failed: number; failures: WorkerResult['failures']; peakRssMb: number }[];
  validation: { name: string; docsPerSecond: number; failed: number; peakRssMb: number }[];
  ratios: Record<string, number>;
  targets: { name: string; target: string; measured: number; met: boolean }[];
}

export function summarize(inputs: readonly BenchInput[], results: readonly WorkerResult[], cpus: number, loadAtStart: number): BenchSummary {
  const signing = results
    .filter((r) => r.docsPerSecond === undefined)
    .map((r) => ({
      name: r.name,
      medianMs: round(median(r.perDocMs.filter(Number.isFinite)), 2),
      handled: r.perDocMs.filter(Number.isFinite).length,
      failed: r.failures.length,
      failures: r.failures,
      peakRssMb: round(r.maxRssKb / 1024, 1),
    }));
  const validation = results
    .filter((r) => r.docsPerSecond !== undefined)
    .map((r) => ({ name: r.name, docsPerSecond: round(r.docsPerSecond ?? Number.NaN, 1), failed: r.failures.length, peakRssMb: round(r.maxRssKb / 1024, 1) }));
  const ms = (name: string) => signing.find((s) => s.name === name)?.medianMs ?? Number.NaN;
  const dps = (name: string) => validation.find((v) => v.name === name)?.docsPerSecond ?? Number.NaN;
  const ratios = {
    'pdfsig / paraphe B-B': round(ratio(ms('pdfsig'), ms('paraphe-B-B'))),
    'signpdf / paraphe B-B': round(ratio(ms('signpdf'), ms('paraphe-B-B'))),
    'libpdf / paraphe B-B': round(ratio(ms('libpdf'), ms('paraphe-B-B'))),
    'paraphe B-T / crypto': round(ratio(ms('paraphe-B-T'), ms('crypto'))),
    'paraphe B-B / crypto': round(ratio(ms('paraphe-B-B'), ms('crypto'))),
    // B-T without the TSA round trip (which depends on the TSA, not on the signer).
    '(paraphe B-T − TSA round trip) / crypto': round(ratio(ms('paraphe-B-T') - ms('tsa-roundtrip'), ms('crypto'))),
    'validation paraphe / pdfsig': round(ratio(dps('validate-paraphe'), dps('validate-pdfsig'))),
  };
  const targets = [
    { name: 'B-B vs pdfsig', target: '≥ 5× faster', measured: ratios['pdfsig / paraphe B-B'], met: ratios['pdfsig / paraphe B-B'] >= 5 },
    { name: 'B-B vs @signpdf', target: '≥ 2× faster', measured: ratios['signpdf / paraphe B-B'], met: ratios['signpdf / paraphe B-B'] >= 2 },
    { name: 'B-T vs crypto baseline', target: '≤ 3×', measured: ratios['paraphe B-T / crypto'], met: ratios['paraphe B-T / crypto'] <= 3 },
    { name: 'validation throughput', target: '≥ 200 docs/s', measured: dps('validate-paraphe'), met: dps('validate-paraphe') >= 200 },
    // The local TSA's share of B-T: its round trip should cost about one RSA signature.
    { name: 'TSA round trip vs crypto baseline', target: '≤ 1×', measured: round(ratio(ms('tsa-roundtrip'), ms('crypto'))), met: ratio(ms('tsa-roundtrip'), ms('crypto')) <= 1 },
  ];
  const measuredTargets = targets.filter((t) => Number.isFinite(t.measured));
  const load = loadAverage();
  const kinds: Record<string, number> = {};
  for (const input of inputs) kinds[input.kind] = (kinds[input.kind] ?? 0) + 1;
  const sizes = inputs.map((i) => i.bytes);
  return {
    date: new Date().toISOString(),
    machine: { cpus, node: process.version, loadAverage1mAtStart: round(loadAtStart, 1), loadAverage1m: load },
    documents: { count: inputs.length, minBytes: Math.min(...sizes), maxBytes: Math.max(...sizes), kinds },
    signing,
    validation,
    ratios: Object.fromEntries(Object.entries(ratios).filter(([, v]) => Number.isFinite(v))),
    targets: measuredTargets,
  };
}

export function formatSummary(summary: BenchSummary): string {
  const lines: string[] = [];
  const d = summary.documents;
  const m = summary.machine;
  lines.push(`Machine: ${m.cpus} CPUs, Node ${m.node}, load average ${m.loadAverage1mAtStart} at the start and ${m.loadAverage1m} at the end (figures are noisy when it exceeds the CPU count)`);
  lines.push(`Documents: ${d.count} (${Math.round(d.minBytes / 1000)}–${Math.round(d.maxBytes / 1000)} KB; ${Object.entries(d.kinds).map(([k, n]) => `${n} ${k}`).join(', ')})`);
  lines.push('');
  lines.push(pad(['signing (per document)', 'median ms', 'handled', 'failed', 'peak RSS MB'], [28, 10, 8, 7, 12]));
  for (const s of summary.signing) lines.push(pad([s.name, String(s.medianMs), String(s.handled), String(s.failed), String(s.peakRssMb)], [28, 10, 8, 7, 12]));
  lines.push('');
  lines.push(pad(['validation', 'docs/s', 'failed', 'peak RSS MB'], [28, 10, 8, 12]));
  for (const v of summary.validation) lines.push(pad([v.name, String(v.docsPerSecond), String(v.failed), String(v.peakRssMb)], [28, 10, 8, 12]));
  lines.push('');
  for (const [name, value] of Object.entries(summary.ratios)) lines.push(`${name.padEnd(30)} ${value}×`);
  lines.push('');
  for (const t of summary.targets) lines.push(`${t.met ? 'PASS' : 'MISS'} ${t.name}: target ${t.target}, measured ${t.measured}`);
  for (const s of summary.signing.filter((x) => x.failed > 0)) {
    lines.push(`${s.name} could not handle ${s.failed} document(s): ${s.failures.slice(0, 3).map((f) => `${f.file} (${f.reason})`).join('; ')}`);
  }
  return lines.join('\n');
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 10) : c.padStart(widths[i] ?? 10))).join(' ');
}

function loadAverage(): number {
  return round(loadavg()[0] ?? Number.NaN, 1);
}
