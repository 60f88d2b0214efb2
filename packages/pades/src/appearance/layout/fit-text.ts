/**
 * Fits paragraphs of text into a box: wraps them, and shrinks the font size step by step from
 * the requested size until the block fits; at the smallest size, lines that still do not fit are
 * dropped and the last kept line ends with an ellipsis, so text never leaves the box.
 */
import type { AppearanceFont } from '../font/appearance-font.js';
import { truncateToWidth, wrapText } from './wrap-text.js';

export interface Paragraph {
  readonly text: string;
  /** Size relative to the body text (a title is a little larger). */
  readonly scale: number;
  /** Extra space after the paragraph, in body-size ems. */
  readonly spaceAfter: number;
}

export interface FittedLine {
  readonly text: string;
  readonly fontSize: number;
  /** Distance from the top of the box down to the line's baseline, in points. */
  readonly baseline: number;
  /** Offset from the left edge of the box: continuation lines of a paragraph are indented. */
  readonly indent: number;
  /** Index of the paragraph the line belongs to. */
  readonly paragraph: number;
}

export interface FittedText {
  readonly bodySize: number;
  readonly lines: readonly FittedLine[];
  /** True when text had to be dropped because it did not fit even at the minimum size. */
  readonly truncated: boolean;
}

export const LINE_SPACING = 1.2;
/** Hanging indent of wrapped lines, in ems, so each paragraph's start stands out. */
const CONTINUATION_INDENT = 0.8;
const SIZE_STEP = 0.25;

export function fitText(
  font: AppearanceFont, paragraphs: readonly Paragraph[],
  box: { width: number; height: number }, maxSize: number, minSize: number,
): FittedText {
  for (let size = maxSize; size >= minSize; size -= SIZE_STEP) {
    const lines = layoutAt(font, paragraphs, box.width, size);
    if (lines.length === 0 || bottomOf(font, lines[lines.length - 1]!) <= box.height) {
      return { bodySize: size, lines, truncated: false };
    }
  }
  const lines = layoutAt(font, paragraphs, box.width, minSize);
  const kept = lines.filter((l) => bottomOf(font, l) <= box.height);
  const last = kept.pop();
  if (last) {
    const measure = (t: string) => font.widthOf(t, last.fontSize);
    kept.push({ ...last, text: truncateToWidth(last.text, box.width - last.indent, measure) });
  }
  return { bodySize: minSize, lines: kept, truncated: true };
}

function layoutAt(font: AppearanceFont, paragraphs: readonly Paragraph[], width: number, size: number): FittedLine[] {
  const ascent = font.metrics.ascent / 1000;
  const lines: FittedLine[] = [];
  let y = 0; // baseline of the previous line
  paragraphs.forEach((p, index) => {
    const fontSize = size * p.scale;
    const indent = CONTINUATION_INDENT * fontSize;
    wrapText(p.text, width, (t) => font.widthOf(t, fontSize), indent).forEach((text, i) => {
      y += lines.length === 0 ? ascent * fontSize : LINE_SPACING * fontSize;
      lines.push({ text, fontSize, baseline: y, indent: i === 0 ? 0 : indent, paragraph: index });
    });
    y += p.spaceAfter * size;
  });
  return lines;
}

function bottomOf(font: AppearanceFont, line: FittedLine): number {
  return line.baseline - (font.metrics.descent / 1000) * line.fontSize;
}
