import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { fr } from '../src/i18n/fr.js';
import { DICTIONARIES, LANGS, placeholders, translator } from '../src/i18n/translate.js';

describe('dictionaries', () => {
  const reference = Object.keys(fr).sort();

  it.each(LANGS)('%s defines exactly the keys of the French reference', (lang) => {
    const keys = Object.keys(DICTIONARIES[lang]).sort();
    expect(keys.filter((k) => !reference.includes(k)), 'extra keys').toEqual([]);
    expect(reference.filter((k) => !keys.includes(k)), 'missing keys').toEqual([]);
  });

  it.each(LANGS)('%s has no empty message', (lang) => {
    const empty = Object.entries(DICTIONARIES[lang]).filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('every English message uses the same placeholders as its French original', () => {
    const mismatched = reference.filter((k) => placeholders(fr[k as keyof typeof fr]).join() !== placeholders(en[k as keyof typeof en]).join());
    expect(mismatched).toEqual([]);
  });

  it('English is actually translated: apart from names, codes and words shared by both languages, messages differ', () => {
    const same = reference.filter((k) => fr[k as keyof typeof fr] === en[k as keyof typeof en]);
    // Reviewed: the product name and the word "Signature", the same in both languages.
    expect(same.sort()).toEqual(['app.name', 'report.signature']);
  });
});

describe('translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('fr')('home.welcome', { name: 'Jeanne' })).toBe('Bonjour Jeanne');
    expect(translator('en')('home.welcome', { name: 'Jeanne' })).toBe('Hello Jeanne');
    expect(translator('en')('home.welcome')).toBe('Hello {name}');
  });
});
