/** `paraphe tsa serve`: an RFC 3161 timestamp authority on loopback, for development and tests. */
import { startTsaServer } from '@paraphe/pki';
import { parseCommand, portOption } from '../args.js';
import type { CliIo } from '../io.js';
import { openDevPki } from '../dev-pki.js';

import { DEFAULT_TSA_PORT } from '../defaults.js';
const OPTIONS = { port: { type: 'string' }, pki: { type: 'string' }, host: { type: 'string' } } as const;

export async function tsaServeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('tsa serve', args, OPTIONS, { min: 0, max: 0, names: 'no positional argument' });
  const port = portOption('tsa serve', values.port, DEFAULT_TSA_PORT);
  const pki = await openDevPki(values.pki, io);
  const server = await startTsaServer({ port, host: values.host ?? '127.0.0.1', tsa: pki.tsa, clock: io.clock });
  io.stdout(`TSA listening on ${server.url}\n`);
  await io.untilStopped();
  await server.close();
  return 0;
}
