/** Dispatches `paraphe <command> …` and turns every failure into one stderr line and an exit status. */
import { createRequire } from 'node:module';
import { CliError, exitCodeOf, formatError } from './cli-error.js';
import { HELP } from './help.js';
import type { CliIo } from './io.js';
type Command = (args: readonly string[], io: CliIo) => Promise<number>;

// Commands load on demand: `--help` stays instant and one command's dependencies cannot break another.
const COMMANDS: Record<string, () => Promise<Command>> = {
  sign: async () => (await import('./commands/sign.js')).signCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  timestamp: async () => (await import('./commands/timestamp.js')).timestampCommand,
  ltv: async () => (await import('./commands/ltv.js')).ltvCommand,
  'pki init': async () => (await import('./commands/pki-init.js')).pkiInitCommand,
  'tsa serve': async () => (await import('./commands/tsa-serve.js')).tsaServeCommand,
  'ocsp serve': async () => (await import('./commands/ocsp-serve.js')).ocspServeCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  'audit verify': async () => (await import('./commands/audit-verify.js')).auditVerifyCommand,
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
  const [load, rest] = COMMANDS[twoWords] ? [COMMANDS[twoWords], argv.slice(2)] : [COMMANDS[first], argv.slice(1)];
  try {
    if (load === undefined) throw new CliError('CLI_USAGE', `unknown command "${first}" (see paraphe --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return 0;
    }
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    io.stderr(`${formatError(error)}\n`);
    return exitCodeOf(error);
  }
}
