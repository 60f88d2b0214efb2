/** Every piece of text a person sees on the page (visible text nodes, trimmed), in document order. */
import type { Page } from 'playwright-core';

export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      const parent = node.parentElement;
      // Decorative marks (aria-hidden) are not words to translate.
      if (!text || !parent || parent.closest('noscript, [aria-hidden="true"]')) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = parent.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // visually hidden (e.g. the file input's label trick)
      out.push(text);
    }
    return out;
  });
}
