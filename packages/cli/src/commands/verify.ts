/**
 * `paraphe verify`: validates every signature of a PDF and prints the report.
 * Exit 0 only when the overall indication is TOTAL_PASSED, 1 when a signature failed or is
 * indeterminate, 2 when the file could not be read.
 */
import { formatReport, validate, ValidationError } from '@paraphe/pades';
import { parseCommand } from '../args.js';
import { CliError, withExitCode } from '../cli-error.js';
import { readInput } from '../files.js';
import { httpGet, httpPost } from '../http.js';
import type { CliIo } from '../io.js';
import { readCertificates } from '../pem.js';

const OPTIONS = {
  trust: { type: 'string', multiple: true },
  at: { type: 'string' },
  json: { type: 'boolean' },
  online: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('verify', args, OPTIONS, { min: 1, max: 1, names: 'FILE.pdf' });
  const at = parseTime(values.at);
  const locale = parseLocale(values.lang, io.env);
  const trustAnchors = await readCertificates(values.trust ?? []);
  const bytes = await readInput(positionals[0] as string);
  const fetchers = values.online ? onlineFetchers(io.fetch) : undefined;

  let report;
  try {
    report = await validate(bytes, { trustAnchors, at: at ?? io.clock(), fetchers });
  } catch (error) {
    // The validator throws ValidationError only for a file it cannot read at all (exit 2);
    // anything else is a failure of ours and keeps exit 1.
    throw error instanceof ValidationError ? withExitCode(error, 2) : error;
  }
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, { locale })}\n`);
  return report.indication === 'TOTAL_PASSED' ? 0 : 1;
}

function parseTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new CliError('CLI_USAGE', `--at expects an ISO 8601 time such as 2026-01-31T12:00:00Z, got "${value}"`);
  }
  return time;
}

function parseLocale(value: string | undefined, env: CliIo['env']): 'en' | 'fr' {
  if (value === undefined) return (env.LANG ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
  if (value === 'en' || value === 'fr') return value;
  throw new CliError('CLI_USAGE', `--lang expects fr or en, got "${value}"`);
}

/** Network access for revocation data and missing certificates, only with --online. */
function onlineFetchers(fetch: typeof globalThis.fetch) {
  return {
    ocsp: (url: string, request: Uint8Array) => httpPost(fetch, url, 'application/ocsp-request', request),
    crl: (url: string) => httpGet(fetch, url),
    certificate: (url: string) => httpGet(fetch, url),
  };
}
