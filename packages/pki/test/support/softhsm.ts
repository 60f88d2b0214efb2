/** A throw-away SoftHSM2 token in a temporary directory (SOFTHSM2_CONF points at it for this process). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool, tempDir } from './openssl.js';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export function createSoftHsmToken(label: string, pin: string): { remove(): void } {
  requireTool('softhsm2-util');
  const t = tempDir('paraphe-softhsm-');
  const tokens = join(t.dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(t.dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  const r = spawnSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', `${pin}-so`], { env: process.env });
  if (r.status !== 0) throw new Error(`softhsm2-util --init-token failed: ${r.stderr.toString()}`);
  return { remove: () => t.remove() };
}
