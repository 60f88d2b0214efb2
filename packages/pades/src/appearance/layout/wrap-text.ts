/**
 * Greedy line wrapping at spaces — never at no-break spaces, inside French guillemets, after
 * « nº » or before high punctuation (« Zonage », nº 2026-14, Motif :) — breaking a word between
 * characters only when it is wider than the line on its own. Continuation lines may be indented.
 */

/** Measures a string's advance in points at the current size. */
export type Measure = (text: string) => number;

/** Tabs and line breaks become spaces, other control characters go, runs of spaces collapse. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\n\r\f\v\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Spaces a line may break at: not after « or nº, nor before », :, ;, !, ?. */
const BREAKABLE_SPACE = /(?<!«|\b[nN][º°]) (?![»:;!?])/;

export function wrapText(text: string, maxWidth: number, measure: Measure, indent = 0): string[] {
  const lines: string[] = [];
  const width = () => (lines.length === 0 ? maxWidth : maxWidth - indent);
  let line = '';
  for (const word of normalizeText(text).split(BREAKABLE_SPACE)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width()) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (measure(line) > width() && [...line].length > 1) {
      const [head, rest] = splitToWidth(line, width(), measure);
      lines.push(head);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Longest prefix that fits (at least one character, so wrapping always progresses), cut at its
 * last space if it has one: a too-wide « group » gives up its no-break rule before a word is cut.
 */
function splitToWidth(word: string, maxWidth: number, measure: Measure): [string, string] {
  const chars = [...word];
  let n = 1;
  while (n < chars.length && measure(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
  const space = chars.lastIndexOf(' ', n);
  if (space > 0) n = space;
  return [chars.slice(0, n).join('').trimEnd(), chars.slice(n).join('').trimStart()];
}

/** Shortens `text` with a trailing ellipsis until it fits. */
export function truncateToWidth(text: string, maxWidth: number, measure: Measure): string {
  const chars = [...text];
  while (chars.length > 0 && measure(`${chars.join('')}…`) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
