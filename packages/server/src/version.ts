/** The server's version, from its package.json. */
import { createRequire } from 'node:module';

export function serverVersion(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}
