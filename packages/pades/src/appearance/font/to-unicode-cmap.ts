/**
 * The /ToUnicode CMap of an Identity-H font (ISO 32000-1 §9.10.3): maps each CID back to the
 * text it was drawn for, so copy-paste, search and accessibility work (PDF/A-2/3 require it).
 */
import type { CollectedGlyph } from './glyph-collector.js';

const MAX_ENTRIES_PER_BLOCK = 100; // limit set by the CMap format

export function toUnicodeCMap(glyphs: readonly CollectedGlyph[]): Uint8Array {
  const entries = glyphs.map((g) => `<${hex4(g.cid)}> <${utf16Hex(g.text)}>`);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += MAX_ENTRIES_PER_BLOCK) {
    const block = entries.slice(i, i + MAX_ENTRIES_PER_BLOCK);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  const text = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
    '',
  ].join('\n');
  return new TextEncoder().encode(text);
}

function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i)); // JS strings are UTF-16
  return out;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
