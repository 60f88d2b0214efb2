/** Makes sure packages/web/dist holds a build of the current sources (npm test builds it first; a lone run of this suite builds it here). */
import { closeSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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

function isFresh(): boolean {
  const built = builtAt();
  const sources = Math.max(newestMtime(join(WEB_ROOT, 'src')), newestMtime(join(WEB_ROOT, 'index.html')), newestMtime(join(WEB_ROOT, 'vite.config.ts')));
  return built !== null && built >= sources;
}

/** Test files run in parallel processes: one builds under an exclusive lock file, the others wait for it. */
export async function ensureWebBuilt(): Promise<void> {
  const lock = join(WEB_ROOT, '.build.lock');
  for (let waited = 0; !isFresh(); waited += 250) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      if (waited > 180_000) throw new Error(`${lock} held for 3 minutes: remove it if no build is running`);
      await sleep(250); // another test process is building
      continue;
    }
    try {
      if (!isFresh()) {
        const { build } = await import('vite');
        await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
      }
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}
