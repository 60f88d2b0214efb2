/** Dispatches `paraphe <command> …` and turns every failure into one stderr line and an exit status. */
import { createRequire } from 'node:module';
import { CliError, exitCodeOf, formatError } from './cli-error.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';
import { ltvCommand } from './commands/ltv.js';
import { ocspServeCommand } from './commands/ocsp-serve.js';
import { pkiInitCommand } from './commands/pki-init.js';
import { signCommand } from './commands/sign.js';
import { timestampCommand } from './commands/timestamp.js';
import { tsaServeCommand } from './commands/tsa-serve.js';
import { verifyCommand } from './commands/verify.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  sign: signCommand,
  verify: verifyCommand,
  timestamp: timestampCommand,
  ltv: ltvCommand,
  'pki init': pkiInitCommand,
  'tsa serve': tsaServeCommand,
  'ocsp serve': ocspServeCommand,
};

export function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

/** Runs one command line; resolves to the process exit status (never rejects). */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, second] = argv;
  if (first === undefined) {
    io.stderr(HELP);
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`paraphe ${version()}\n`);
    return 0;
  }
  const twoWords = `${first} ${second ?? ''}`;
  const [command, rest] = COMMANDS[twoWords] ? [COMMANDS[twoWords], argv.slice(2)] : [COMMANDS[first], argv.slice(1)];
  try {
    if (command === undefined) throw new CliError('CLI_USAGE', `unknown command "${first}" (see paraphe --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return 0;
    }
    return await command(rest, io);
  } catch (error) {
    io.stderr(`${formatError(error)}\n`);
    return exitCodeOf(error);
  }
}
