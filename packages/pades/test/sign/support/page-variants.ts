/** Inputs for visible-signature tests: a page rotated by qpdf, PDF/A files written by Ghostscript. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './tools.js';

const ICC_DIR = '/usr/share/color/icc/ghostscript';

/** `qpdf --rotate=+<angle>:1`: the first page turned clockwise. */
export function rotateFirstPage(dir: string, input: Uint8Array, angle: 90 | 180 | 270): Uint8Array {
  const src = join(dir, `unrotated-${angle}.pdf`);
  const out = join(dir, `rotated-${angle}.pdf`);
  writeFileSync(src, input);
  const r = run('qpdf', [`--rotate=+${angle}:1`, src, out]);
  if (r.status !== 0) throw new Error(`qpdf --rotate failed: ${r.stderr}`);
  return readFileSync(out);
}

/**
 * A one-page PDF/A file by Ghostscript (`-dPDFA=<part> -dPDFACompatibilityPolicy=1
 * -sColorConversionStrategy=<strategy>`), its output intent built from one of Ghostscript's ICC
 * profiles (sRGB for RGB, default_cmyk for CMYK).
 */
export function ghostscriptPdfa(dir: string, part: 1 | 2, strategy: 'RGB' | 'CMYK'): Uint8Array {
  const profile = strategy === 'RGB' ? 'srgb.icc' : 'default_cmyk.icc';
  if (!existsSync(`${ICC_DIR}/${profile}`)) throw new Error(`Ghostscript's ICC profile ${ICC_DIR}/${profile} is missing`);
  const template = `/usr/share/ghostscript/${run('gs', ['--version']).stdout.trim()}/lib/PDFA_def.ps`;
  if (!existsSync(template)) throw new Error(`${template} is missing`);
  const def = join(dir, `def-${part}-${strategy}.ps`);
  writeFileSync(def, readFileSync(template, 'latin1').replace('/ICCProfile (srgb.icc)', `/ICCProfile (${ICC_DIR}/${profile})`));
  const page = join(dir, `page-${part}-${strategy}.ps`);
  writeFileSync(page, '/Helvetica findfont 24 scalefont setfont 72 700 moveto (Deliberation 2026-14) show showpage\n');
  const out = join(dir, `pdfa-${part}-${strategy}.pdf`);
  const r = run('gs', [
    '-q', '-dBATCH', '-dNOPAUSE', `-dPDFA=${part}`, '-dPDFACompatibilityPolicy=1', `-sColorConversionStrategy=${strategy}`,
    '-sDEVICE=pdfwrite', `--permit-file-read=${ICC_DIR}/`, `-sOutputFile=${out}`, def, page,
  ]);
  if (r.status !== 0) throw new Error(`gs (PDF/A-${part}, ${strategy}) failed: ${r.stderr}${r.stdout}`);
  return readFileSync(out);
}

/** A page rendered by pdftoppm at 72 dpi (1 pixel per point), greyscale. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

export function renderFirstPage(dir: string, pdf: Uint8Array, name: string): Raster {
  const src = join(dir, `${name}.pdf`);
  writeFileSync(src, pdf);
  const r = run('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', '-singlefile', src, join(dir, name)]);
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  const pgm = readFileSync(join(dir, `${name}.pgm`));
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: new Uint8Array(pgm.subarray(header[0].length, header[0].length + width * height)) };
}

/** The rectangle [x, x+w) × [y, y+h) of a raster (top-left origin), optionally turned by 180°. */
export function crop(r: Raster, x: number, y: number, w: number, h: number, turned = false): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const v = r.pixels[(y + j) * r.width + (x + i)] ?? 255;
      out[turned ? (h - 1 - j) * w + (w - 1 - i) : j * w + i] = v;
    }
  }
  return out;
}

/** Mean absolute difference of two greyscale images of the same size (0 = identical). */
export function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
