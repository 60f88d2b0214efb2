/** Makes sure packages/web/dist holds a build of the current sources (npm test builds it first; a lone run of this suite builds it here). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function builtAt(): number | null {
  try {
    return statSync(join(WEB_DIST, 'index.html')).mtimeMs;
  } catch {
    return null; // never built
  }
}

export async function ensureWebBuilt(): Promise<void> {
  const built = builtAt();
  const sources = Math.max(newestMtime(join(WEB_ROOT, 'src')), newestMtime(join(WEB_ROOT, 'index.html')), newestMtime(join(WEB_ROOT, 'vite.config.ts')));
  if (built !== null && built >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
