/**
 * Running the independent command-line checkers (pdfsig, mutool, qpdf, openssl, gs, NSS tools)
 * from tests: a missing tool fails with a message saying which Debian package provides it.
 */
import { execFile, spawnSync } from 'node:child_process';

const PACKAGES: Record<string, string> = {
  pdfsig: 'poppler-utils',
  qpdf: 'qpdf',
  mutool: 'mupdf-tools',
  gs: 'ghostscript',
  certutil: 'libnss3-tools',
  pk12util: 'libnss3-tools',
  openssl: 'openssl',
};

const checked = new Set<string>();

/** Throws a clear error when `tool` is not on PATH. */
export function requireTool(tool: string): void {
  if (checked.has(tool)) return;
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${tool} is required by this test but not installed (Debian package ${PACKAGES[tool] ?? tool})`);
  }
  checked.add(tool);
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool to completion; never rejects on a non-zero exit (the caller asserts on it). */
export function runTool(
  tool: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<ToolResult> {
  requireTool(tool);
  return new Promise((resolve, reject) => {
    const child = execFile(
      tool,
      [...args],
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs a tool and throws with its output when it exits non-zero. */
export async function runToolOk(tool: string, args: readonly string[], options: Parameters<typeof runTool>[2] = {}) {
  const result = await runTool(tool, args, options);
  if (result.code !== 0) {
    throw new Error(`${tool} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Runs `tasks` with at most `limit` in flight (the checkers are CPU-bound; the machine has 2 cores). */
export async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit = 4): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
