/** Runs the independent PDF tools the interop tests rely on, failing clearly when one is missing. */
import { execFileSync, spawnSync } from 'node:child_process';

export function requireTool(name: string): void {
  const r = spawnSync('which', [name]);
  if (r.status !== 0) throw new Error(`the interop test needs '${name}' on PATH (Debian: qpdf, ghostscript, mupdf-tools)`);
}

/** Runs a tool; returns stdout+stderr and the exit status without throwing. */
export function run(cmd: string, args: string[]): { status: number; output: string } {
  const r = spawnSync(cmd, args, { encoding: 'latin1', maxBuffer: 64 << 20 });
  return { status: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function runOk(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'latin1', maxBuffer: 64 << 20 });
}
