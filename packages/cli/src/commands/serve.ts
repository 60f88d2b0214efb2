/** `paraphe serve`: the platform (API, jobs, built-in trust services) with embedded defaults. */
import { parseCommand, portOption } from '../args.js';
import type { CliIo } from '../io.js';

const OPTIONS = { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' } } as const;

export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('serve', args, OPTIONS, { min: 0, max: 0, names: 'no positional argument' });
  const env = { ...io.env };
  if (values.port !== undefined) env.PORT = String(portOption('serve', values.port, 3000));
  if (values.host !== undefined) env.HOST = values.host;
  if (values.data !== undefined) env.PARAPHE_DATA_DIR = values.data;
  // Loaded here only: the other commands must not pay for the server's dependencies.
  const { servePlatform } = await import('@paraphe/server');
  await servePlatform({ env, stdout: io.stdout, untilStopped: io.untilStopped });
  return 0;
}
