/** A throw-away SoftHSM2 token in a temporary directory; SOFTHSM2_CONF points at it for this process. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './tools.js';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export function createSoftHsmToken(label: string, pin: string): { remove(): void } {
  requireTool('softhsm2-util');
  const dir = mkdtempSync(join(tmpdir(), 'paraphe-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  const result = spawnSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', `${pin}-so`], { env: process.env });
  if (result.status !== 0) throw new Error(`softhsm2-util --init-token failed: ${result.stderr.toString()}`);
  return { remove: () => rmSync(dir, { recursive: true, force: true }) };
}
