/** Runs the independent PDF tools the appearance tests judge with; a missing tool fails clearly. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runTool(command: string, args: readonly string[]): ToolRun {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) {
    throw new Error(`${command} could not be run (${r.error.message}); install poppler-utils, qpdf, mupdf-tools and ghostscript`);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'paraphe-appearance-'));
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A greyscale raster from `pdftoppm -gray` (binary PGM, P5). */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

export function renderGrey(pdfPath: string, dpi = 72): GreyImage {
  const out = pdfPath.replace(/\.pdf$/, '');
  const r = runTool('pdftoppm', ['-r', String(dpi), '-gray', '-singlefile', pdfPath, out]);
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  return parsePgm(readFileSync(`${out}.pgm`));
}

export function parsePgm(bytes: Uint8Array): GreyImage {
  const header = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a binary PGM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: bytes.subarray(m[0].length, m[0].length + width * height) };
}

/** Pixels darker than near-white inside a rectangle given in raster coordinates (top-left origin). */
export function inkPixels(img: GreyImage, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) if (img.pixels[y * img.width + x]! < 200) n++;
  }
  return n;
}
