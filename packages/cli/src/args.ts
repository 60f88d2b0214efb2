/**
 * Command-line parsing on top of node:util parseArgs: strict options, a fixed number of
 * positionals, and every mistake reported as a CLI_USAGE error instead of a TypeError.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

export function parseCommand<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
  positionals: { min: number; max: number; names: string },
): Parsed<O> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError('CLI_USAGE', `${command}: ${(error as Error).message} (see paraphe --help)`);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min || count > positionals.max) {
    throw new CliError('CLI_USAGE', `${command} expects ${positionals.names} (see paraphe --help)`);
  }
  return parsed as Parsed<O>;
}

/** An option that must be present. */
export function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new CliError('CLI_USAGE', `${command}: --${name} is required`);
  return value;
}

/** A TCP port number. */
export function portOption(command: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError('CLI_USAGE', `${command}: --port must be a port number, got "${value}"`);
  }
  return port;
}
