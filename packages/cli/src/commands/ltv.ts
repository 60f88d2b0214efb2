/** `paraphe ltv IN -o OUT`: adds the validation data (certificates, OCSP, CRLs) of every signature: B-LT. */
import { addValidationData } from '@paraphe/pades';
import { parseCommand, required } from '../args.js';
import { readInput, writeAtomically } from '../files.js';
import type { CliIo } from '../io.js';
import { readCertificates } from '../pem.js';
import { revocationSource } from '../revocation.js';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  ocsp: { type: 'string' },
  crl: { type: 'string', multiple: true },
  cert: { type: 'string', multiple: true },
} as const;

export async function ltvCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('ltv', args, OPTIONS, { min: 1, max: 1, names: 'IN.pdf' });
  const input = positionals[0] as string;
  const output = required('ltv', 'output', values.output);
  const crls = await Promise.all((values.crl ?? []).map((path) => readInput(path, 'CRL file')));
  const bytes = await readInput(input);
  const result = await addValidationData(bytes, {
    revocation: revocationSource({ fetch: io.fetch, ocspUrl: values.ocsp, crls, certificates: await readCertificates(values.cert ?? []) }),
    clock: io.clock,
  });
  await writeAtomically(output, [result]);
  io.stdout(`added validation data ${input} → ${output}\n`);
  return 0;
}
