/** `paraphe ocsp serve`: an OCSP responder (and CRL endpoint) for the development PKI, on loopback. */
import { startOcspServer } from '@paraphe/pki';
import { parseCommand, portOption } from '../args.js';
import type { CliIo } from '../io.js';
import { openDevPki } from '../dev-pki.js';

import { DEFAULT_OCSP_PORT } from '../defaults.js';
const OPTIONS = { port: { type: 'string' }, pki: { type: 'string' }, host: { type: 'string' } } as const;

export async function ocspServeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('ocsp serve', args, OPTIONS, { min: 0, max: 0, names: 'no positional argument' });
  const port = portOption('ocsp serve', values.port, DEFAULT_OCSP_PORT);
  const pki = await openDevPki(values.pki, io);
  const server = await startOcspServer({
    port,
    host: values.host ?? '127.0.0.1',
    responder: { certificate: pki.ocsp.certificate, signer: pki.ocsp.signer },
    status: (certId) => pki.status(certId),
    files: pki.files, // the CRLs and CA certificates the AIA / CRL-DP URLs name
    clock: io.clock,
  });
  io.stdout(`OCSP responder listening on ${server.url}\n`);
  await io.untilStopped();
  await server.close();
  return 0;
}
