/**
 * `paraphe timestamp IN -o OUT --tsa URL [--renew]`: adds a document timestamp (PAdES B-LTA);
 * with --renew, first adds validation data for the latest timestamp, then a new one, so an
 * archive stays verifiable after its timestamp certificate expires.
 */
import { addDocumentTimestamp, renewArchive } from '@paraphe/pades';
import { requestTimestamp } from '@paraphe/pki';
import { parseCommand, required } from '../args.js';
import { readInput, writeAtomically } from '../files.js';
import type { CliIo } from '../io.js';
import { readCertificates } from '../pem.js';
import { revocationSource } from '../revocation.js';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  tsa: { type: 'string' },
  renew: { type: 'boolean' },
  ocsp: { type: 'string' },
  crl: { type: 'string', multiple: true },
  cert: { type: 'string', multiple: true },
} as const;

export async function timestampCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('timestamp', args, OPTIONS, { min: 1, max: 1, names: 'IN.pdf' });
  const input = positionals[0] as string;
  const output = required('timestamp', 'output', values.output);
  const tsaUrl = required('timestamp', 'tsa', values.tsa);
  const crls = await Promise.all((values.crl ?? []).map((path) => readInput(path, 'CRL file')));
  const bytes = await readInput(input);
  const timestamper = (imprint: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512') =>
    requestTimestamp(imprint, hash, { url: tsaUrl, fetch: io.fetch });
  const result = values.renew
    ? await renewArchive(bytes, {
        timestamper,
        revocation: revocationSource({ fetch: io.fetch, ocspUrl: values.ocsp, crls, certificates: await readCertificates(values.cert ?? []) }),
        clock: io.clock,
      })
    : await addDocumentTimestamp(bytes, { timestamper, clock: io.clock });
  await writeAtomically(output, [result]);
  io.stdout(`${values.renew ? 'renewed archive timestamp' : 'timestamped'} ${input} → ${output}\n`);
  return 0;
}
