/** The `paraphe` command line, callable in-process (tests, embedding) as well as from bin/paraphe.js. */
export { run, version } from './run.js';
export type { CliIo } from './io.js';
export { processIo } from './io.js';
export { CliError, formatError, errorCode, type CliErrorCode } from './cli-error.js';
export { retryingFetch } from './retrying-fetch.js';
