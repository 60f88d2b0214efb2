/**
 * Errors raised by the command line itself (bad usage, unreadable inputs), and the single
 * place where any error — ours or a library's coded error — becomes the one-line message and
 * the exit status users see.
 */

export type CliErrorCode =
  | 'CLI_USAGE' // unknown command, option or malformed option value
  | 'CLI_FILE_NOT_FOUND' // an input file does not exist
  | 'CLI_FILE_UNREADABLE' // an input file exists but cannot be read
  | 'CLI_UNKNOWN_LEVEL' // --level is not one of B-B, B-T, B-LT, B-LTA
  | 'CLI_TSA_REQUIRED' // the requested level needs a timestamp and no --tsa was given
  | 'CLI_BAD_CERTIFICATE' // a --trust or PKI file holds no usable certificate
  | 'CLI_HTTP' // an OCSP/CRL/TSA endpoint could not be reached or answered an error
  | 'CLI_WRITE' // the output could not be written
  | 'CLI_INTERNAL'; // an unexpected failure (a bug): reported without a stack trace

const INPUT_CODES: ReadonlySet<CliErrorCode> = new Set(['CLI_USAGE', 'CLI_FILE_NOT_FOUND', 'CLI_FILE_UNREADABLE']);

/** Exit status: 1 = the operation failed; 2 = the command line or an input could not be used. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitCode: number;
  constructor(code: CliErrorCode, message: string, exitCode = INPUT_CODES.has(code) ? 2 : 1) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

const FS_CODES: Record<string, CliErrorCode> = {
  ENOENT: 'CLI_FILE_NOT_FOUND',
  EISDIR: 'CLI_FILE_UNREADABLE',
  EACCES: 'CLI_FILE_UNREADABLE',
  EPERM: 'CLI_FILE_UNREADABLE',
};

/** The machine-readable code of any error: a library's `code` when it has one, else ours. */
export function errorCode(error: unknown): string {
  if (error instanceof CliError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length > 0) return FS_CODES[code] ?? code;
  return 'CLI_INTERNAL';
}

/** `paraphe: error CODE: message` on a single line (messages never carry secrets). */
export function formatError(error: unknown): string {
  const code = errorCode(error);
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/\s*\n\s*/g, ' ').trim() || 'unknown failure';
  return `paraphe: error ${code}: ${message}`;
}

/** Marks a library error as "the input could not be used" (exit 2) without losing its code. */
export function withExitCode<E>(error: E, exitCode: number): E {
  if (error !== null && typeof error === 'object') Object.assign(error, { exitCode });
  return error;
}

/** Exit status for an error: usage and unreadable inputs are 2, everything else 1. */
export function exitCodeOf(error: unknown): number {
  const exitCode = (error as { exitCode?: unknown } | null)?.exitCode;
  return typeof exitCode === 'number' && exitCode > 0 ? exitCode : 1;
}
