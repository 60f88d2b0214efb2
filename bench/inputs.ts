/**
 * The benchmark documents: ~20 PDFs from 100 KB to 1 MB, varied in structure — classic xref
 * table, object + xref streams, linearized, hybrid-reference — with incompressible image data
 * so sizes are what they say. Made with the same generators as the interop tests.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBigPdf } from '../packages/cli/test/support/big-pdf.js';
import { makeHybrid, qpdfLinearized, qpdfObjectStreams } from '../packages/cli/test/support/inputs.js';

export interface BenchInput {
  path: string;
  kind: 'classic' | 'object-streams' | 'linearized' | 'hybrid';
  bytes: number;
}

const KINDS: BenchInput['kind'][] = ['classic', 'object-streams', 'linearized', 'hybrid'];

export async function makeBenchInputs(dir: string, count = 20): Promise<BenchInput[]> {
  await mkdir(dir, { recursive: true });
  const inputs: BenchInput[] = [];
  for (let i = 0; i < count; i++) {
    const size = Math.round(100_000 + (900_000 * i) / Math.max(1, count - 1));
    const kind = KINDS[i % KINDS.length] as BenchInput['kind'];
    const base = join(dir, `base-${i}.pdf`);
    const path = join(dir, `doc-${String(i).padStart(2, '0')}-${kind}.pdf`);
    await writeBigPdf(kind === 'classic' ? path : base, size);
    if (kind === 'object-streams') await qpdfObjectStreams(base, path);
    if (kind === 'linearized') await qpdfLinearized(base, path);
    if (kind === 'hybrid') await makeHybrid(base, path);
    inputs.push({ path, kind, bytes: (await stat(path)).size });
  }
  return inputs;
}
