import { describe, expect, test } from 'vitest';
import { defaultAppearanceFont } from '../../src/appearance/index.js';
import { fitText } from '../../src/appearance/layout/fit-text.js';
import { normalizeText, truncateToWidth, wrapText } from '../../src/appearance/layout/wrap-text.js';

/** Every character is 1 unit wide, so widths are character counts. */
const count = (t: string) => [...t].length;

describe('wrapText', () => {
  test('breaks at spaces, greedily', () => {
    expect(wrapText('aa bb cc dd', 5, count)).toEqual(['aa bb', 'cc dd']);
  });

  test('never breaks after « or nº, or before », :, ;, !, ?', () => {
    expect(wrapText('règlement nº 2026-14', 12, count)).toEqual(['règlement', 'nº 2026-14']);
    expect(wrapText('x « yy » z', 6, count)).toEqual(['x', '« yy »', 'z']);
    expect(wrapText('Motif : abc', 7, count)).toEqual(['Motif :', 'abc']);
  });

  test('never breaks at a no-break space', () => {
    expect(wrapText('Date\u00a0: 2026', 7, count)).toEqual(['Date\u00a0:', '2026']);
  });

  test('splits a word wider than the line, and indents continuation lines', () => {
    expect(wrapText('abcdefghij', 4, count)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('aaaa bbbb cc', 5, count, 2)).toEqual(['aaaa', 'bbb', 'b', 'cc']);
  });

  test('a « group » wider than the line is cut at its own spaces before any word is', () => {
    expect(wrapText('« Zonage ouest »', 10, count)).toEqual(['« Zonage', 'ouest »']);
  });

  test('normalizes whitespace and drops control characters', () => {
    expect(normalizeText('  a\tb\r\nc\u0007  d\u200b ')).toBe('a b c d');
    expect(normalizeText('e\u0301')).toBe('é');
  });

  test('truncates with an ellipsis', () => {
    expect(truncateToWidth('Hôtel de ville', 8, count)).toBe('Hôtel d…');
  });
});

describe('fitText', () => {
  const font = defaultAppearanceFont();
  const para = (text: string) => ({ text, scale: 1, spaceAfter: 0 });

  test('every line fits the width and the block fits the height', () => {
    const box = { width: 100, height: 40 };
    const fitted = fitText(font, [para('Signé numériquement par Émilie Côté-Lœuvre'), para('Date\u00a0: 2026-12-03 16:00 HNE')], box, 12, 4);
    expect(fitted.truncated).toBe(false);
    expect(fitted.bodySize).toBeLessThan(12);
    for (const line of fitted.lines) expect(line.indent + font.widthOf(line.text, line.fontSize)).toBeLessThanOrEqual(box.width);
    const last = fitted.lines[fitted.lines.length - 1]!;
    expect(last.baseline - (font.metrics.descent / 1000) * last.fontSize).toBeLessThanOrEqual(box.height);
  });

  test('keeps every word, in order', () => {
    const text = 'Approbation du règlement nº 2026-14 « Zonage » — version finale';
    const fitted = fitText(font, [para(text)], { width: 80, height: 60 }, 10, 4);
    expect(fitted.lines.map((l) => l.text).join(' ')).toBe(text);
  });
});
