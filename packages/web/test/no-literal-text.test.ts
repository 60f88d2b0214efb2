/** Every word the app shows comes from the dictionaries: no literal text between JSX tags or in user-facing attributes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : []));
}

it('components hold no literal words (two letters or more) as JSX text or in label, title, alt, placeholder, aria-label', () => {
  const offenders: string[] = [];
  for (const file of tsxFiles(SRC)) {
    const source = readFileSync(file, 'utf8');
    const jsxText = [...source.matchAll(/>([^<>{}();=]*[A-Za-zÀ-ÿ]{2,}[^<>{}();=]*)</g)].map((m) => m[1]!.trim());
    const attributes = [...source.matchAll(/\b(?:title|alt|placeholder|aria-label|label)="([^"]*[A-Za-zÀ-ÿ]{2,}[^"]*)"/g)].map((m) => m[1]!);
    for (const text of [...jsxText, ...attributes]) offenders.push(`${file.slice(SRC.length)}: ${text}`);
  }
  expect(offenders).toEqual([]);
});
