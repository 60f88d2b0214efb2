/** `paraphe sign`: signs a PDF with a PKCS#12 key at a PAdES baseline level. */
import { signPdfFile } from '@paraphe/pades';
import { loadPkcs12, requestTimestamp } from '@paraphe/pki';
import { parseCommand, required } from '../args.js';
import { CliError } from '../cli-error.js';
import { assertReadable, readInput } from '../files.js';
import type { CliIo } from '../io.js';
import { readCertificates } from '../pem.js';
import { parseHash, parseLevel, type HashName } from '../level.js';
import { revocationSource } from '../revocation.js';
import { parseVisible } from '../visible.js';

export const DEFAULT_PASSWORD_ENV = 'PARAPHE_P12_PASSWORD';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  p12: { type: 'string' },
  'password-env': { type: 'string' },
  level: { type: 'string' },
  tsa: { type: 'string' },
  field: { type: 'string' },
  visible: { type: 'string' },
  reason: { type: 'string' },
  location: { type: 'string' },
  ocsp: { type: 'string' },
  crl: { type: 'string', multiple: true },
  cert: { type: 'string', multiple: true },
  certify: { type: 'string' },
  hash: { type: 'string' },
} as const;

export async function signCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('sign', args, OPTIONS, { min: 1, max: 1, names: 'IN.pdf' });
  const input = positionals[0] as string;
  const output = required('sign', 'output', values.output);
  const p12Path = required('sign', 'p12', values.p12);
  const tsaUrl = values.tsa;
  const level = parseLevel(values.level, tsaUrl !== undefined);
  const hash = parseHash(values.hash);
  const certify = parseCertify(values.certify);
  const visible = values.visible === undefined ? undefined : parseVisible(values.visible);

  // The password never travels on argv (visible to every local user in `ps`): only via the environment.
  const passwordEnv = values['password-env'] ?? DEFAULT_PASSWORD_ENV;
  const password = io.env[passwordEnv] ?? '';
  await assertReadable(input);
  const { signer } = await loadPkcs12(await readInput(p12Path, 'PKCS#12 file'), password);
  const crls = await Promise.all((values.crl ?? []).map((path) => readInput(path, 'CRL file')));
  const certificates = await readCertificates(values.cert ?? []);
  const timestamper =
    tsaUrl === undefined
      ? undefined
      : (imprint: Uint8Array, alg: HashName) => requestTimestamp(imprint, alg, { url: tsaUrl, fetch: io.fetch });

  await signPdfFile(input, output, {
    signer,
    hash,
    level,
    timestamper,
    revocation: revocationSource({ fetch: io.fetch, ocspUrl: values.ocsp, crls, certificates }),
    field: values.field,
    visible,
    reason: values.reason,
    location: values.location,
    certify,
    clock: io.clock,
  });
  io.stdout(`signed ${input} → ${output} (${level})\n`);
  return 0;
}

function parseCertify(value: string | undefined): 1 | 2 | 3 | undefined {
  if (value === undefined) return undefined;
  if (value === '1' || value === '2' || value === '3') return Number(value) as 1 | 2 | 3;
  throw new CliError('CLI_USAGE', `--certify expects 1, 2 or 3, got "${value}"`);
}
