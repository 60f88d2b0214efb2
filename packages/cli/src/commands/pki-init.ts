/** `paraphe pki init DIR`: writes a development PKI (root, CA, persons, seal, TSA, OCSP) to DIR. */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createDevPki } from '@paraphe/pki';
import { parseCommand } from '../args.js';
import { DEFAULT_OCSP_PORT } from '../defaults.js';
import type { CliIo } from '../io.js';

const OPTIONS = { 'base-url': { type: 'string' }, force: { type: 'boolean' } } as const;

export async function pkiInitCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('pki init', args, OPTIONS, { min: 1, max: 1, names: 'DIR' });
  const dir = positionals[0] as string;
  // Certificates point their AIA / CRL distribution points at the local `paraphe ocsp serve`.
  const baseUrl = (values['base-url'] ?? `http://127.0.0.1:${DEFAULT_OCSP_PORT}`).replace(/\/+$/, '');
  await mkdir(dir, { recursive: true });
  const existed = existsSync(join(dir, 'pki.json')) && values.force !== true;
  const pki = await createDevPki({ dir, clock: io.clock, baseUrl, overwrite: values.force === true });
  io.stdout(
    existed
      ? `${dir} already holds a development PKI (AIA ${pki.baseUrl ?? 'none'}); kept it (use --force to regenerate)\n`
      : `development PKI written to ${dir} (see ${dir}/README.txt); not for production use\n`,
  );
  return 0;
}
