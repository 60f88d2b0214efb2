#!/usr/bin/env node
// Launcher for the `paraphe` command: the sources are TypeScript run through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
