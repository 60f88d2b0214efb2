/** PAdES baseline levels and hash names accepted on the command line. */
import { CliError } from './cli-error.js';

export const LEVELS = ['B-B', 'B-T', 'B-LT', 'B-LTA'] as const;
export type Level = (typeof LEVELS)[number];

export const HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
export type HashName = (typeof HASHES)[number];

/** `--level`, defaulting to B-T when a TSA is given (a timestamp is then free) and B-B otherwise. */
export function parseLevel(value: string | undefined, hasTsa: boolean): Level {
  if (value === undefined) return hasTsa ? 'B-T' : 'B-B';
  const level = value.toUpperCase();
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new CliError('CLI_UNKNOWN_LEVEL', `unknown level "${value}" (expected ${LEVELS.join(', ')})`, 2);
  }
  if (level !== 'B-B' && !hasTsa) {
    throw new CliError('CLI_TSA_REQUIRED', `level ${level} needs a timestamp authority: give --tsa URL`, 2);
  }
  return level as Level;
}

export function parseHash(value: string | undefined): HashName {
  if (value === undefined) return 'SHA-256';
  const hash = value.toUpperCase().replace(/^SHA(\d)/, 'SHA-$1');
  if (!(HASHES as readonly string[]).includes(hash)) {
    throw new CliError('CLI_USAGE', `unknown hash "${value}" (expected ${HASHES.join(', ')})`);
  }
  return hash as HashName;
}
