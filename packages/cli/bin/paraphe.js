#!/usr/bin/env node
// Launcher for the `paraphe` command: the sources are TypeScript run through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
try {
  await import('../src/main.ts');
} catch (error) {
  // Only a broken installation ends here (main.ts reports every command failure itself).
  process.stderr.write(`paraphe: error CLI_INTERNAL: ${String(error?.message ?? error).split('\n')[0]}\n`);
  process.exitCode = 1;
}
