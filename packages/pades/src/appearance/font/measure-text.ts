/**
 * Text measurement for layout outside this folder (e.g. sizing a widget to its text): the
 * advance of a string in points, with the same glyphs and widths the appearance will embed.
 */
import { defaultAppearanceFont, type AppearanceFont } from './appearance-font.js';

export function measureText(text: string, fontSize: number, font: AppearanceFont = defaultAppearanceFont()): number {
  return font.widthOf(text, fontSize);
}
