/**
 * What a command may touch of the outside world, injected so that commands can run
 * in-process in tests and benchmarks as well as from the real process.
 */
import { retryingFetch } from './retrying-fetch.js';

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly clock: () => Date;
  readonly fetch: typeof globalThis.fetch;
  /** Resolves when the user asks a long-running command (a server) to stop. */
  readonly untilStopped: () => Promise<void>;
}

export function processIo(): CliIo {
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    clock: () => new Date(),
    fetch: retryingFetch(globalThis.fetch),
    untilStopped: () =>
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
