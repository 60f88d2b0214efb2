/**
 * The development PKI behind `tsa serve` / `ocsp serve`: read from a folder written by
 * `paraphe pki init`, or created in memory for the lifetime of the server.
 */
import { createDevPki } from '@paraphe/pki';
import type { CliIo } from './io.js';

export async function openDevPki(dir: string | undefined, io: CliIo) {
  return createDevPki({ dir, clock: io.clock });
}
