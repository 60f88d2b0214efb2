/** poppler's pdfsig -add-signature, one process per document as users run it. */
import { execFile } from 'node:child_process';
import type { BenchConfig, SignOne } from '../config.js';

export function pdfsigArgs(config: BenchConfig, input: string, output: string): string[] {
  return ['-nssdir', config.nssSignDb, '-add-signature', '-nick', config.nssNickname, input, output];
}

export function pdfsigPeer(config: BenchConfig): SignOne {
  return (input, output) =>
    new Promise((resolve, reject) => {
      execFile('pdfsig', pdfsigArgs(config, input, output), (error, _stdout, stderr) =>
        error ? reject(new Error(`pdfsig: ${stderr.trim() || error.message}`)) : resolve(),
      );
    });
}
