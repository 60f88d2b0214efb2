/** Certificates given as PEM (possibly several in one file) or DER, as DER byte arrays. */
import { CliError } from './cli-error.js';
import { readInput } from './files.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

export function certificatesFromBytes(bytes: Uint8Array, source: string): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.includes('-----BEGIN')) {
    if (bytes[0] === 0x30) return [bytes]; // DER SEQUENCE
    throw new CliError('CLI_BAD_CERTIFICATE', `no certificate in ${source}`);
  }
  const found = [...text.matchAll(PEM_BLOCK)].map((m) => new Uint8Array(Buffer.from(m[1] ?? '', 'base64')));
  if (found.length === 0) throw new CliError('CLI_BAD_CERTIFICATE', `no certificate in ${source}`);
  return found;
}

export async function readCertificates(paths: readonly string[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const path of paths) out.push(...certificatesFromBytes(await readInput(path, 'certificate file'), path));
  return out;
}
