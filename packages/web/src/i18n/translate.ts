/** Looks a key up in the dictionary of a language and fills its `{name}` placeholders. */
import { en } from './en.js';
import { fr, type MessageKey, type Messages } from './fr.js';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];
export const DICTIONARIES: Readonly<Record<Lang, Messages>> = { fr, en };

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): Translate {
  const messages = DICTIONARIES[lang];
  return (key, params) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** Placeholders a message expects, e.g. ["name"] for "Hello {name}". */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
