/** `--visible PAGE,X,Y,W,H`: where a visible signature goes (page numbers start at 1, units in points). */
import { CliError } from './cli-error.js';

export interface VisibleBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export function parseVisible(value: string): VisibleBox {
  const parts = value.split(',').map((p) => Number(p.trim()));
  const [page, x, y, width, height] = parts;
  const ok =
    parts.length === 5 &&
    parts.every(Number.isFinite) &&
    Number.isInteger(page) &&
    page !== undefined && page >= 1 &&
    width !== undefined && width > 0 &&
    height !== undefined && height > 0;
  if (!ok || x === undefined || y === undefined || page === undefined || width === undefined || height === undefined) {
    throw new CliError('CLI_USAGE', `--visible expects PAGE,X,Y,W,H (page ≥ 1, positive size), got "${value}"`);
  }
  return { page, x, y, width, height };
}
