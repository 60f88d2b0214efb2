/**
 * Runs the platform until asked to stop: what `npm start` and `paraphe serve` call.
 * Configuration comes from the environment (see README, "Configuration").
 */
import { loadConfig } from './config/config.js';
import { createServer } from './server.js';

export interface ServeIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  /** Resolves when the operator asks the server to stop (SIGINT/SIGTERM). */
  readonly untilStopped: () => Promise<void>;
  readonly cwd?: string;
}

export async function servePlatform(io: ServeIo): Promise<void> {
  const config = loadConfig(io.env, io.cwd);
  const server = await createServer(config, { announce: (line) => io.stdout(`${line}\n`) });
  try {
    const address = await server.listen();
    io.stdout(`Paraphe listening on ${address} (public URL ${config.publicUrl}, database ${config.database.kind}, data ${config.dataDir})\n`);
    await io.untilStopped();
    io.stdout('Paraphe stopping\n');
  } finally {
    await server.close();
  }
}
