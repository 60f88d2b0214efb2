/**
 * The development PKI behind `tsa serve` / `ocsp serve`: loaded from a folder written by
 * `paraphe pki init`, or created in memory (without AIA URLs) for the lifetime of the server.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDevPki, type DevPki } from '@paraphe/pki';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';

export async function openDevPki(dir: string | undefined, io: CliIo): Promise<DevPki> {
  if (dir !== undefined && !existsSync(join(dir, 'pki.json'))) {
    throw new CliError('CLI_FILE_NOT_FOUND', `${dir} holds no development PKI (create one with: paraphe pki init ${dir})`);
  }
  return createDevPki({ dir, clock: io.clock });
}
