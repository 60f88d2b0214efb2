import { describe, expect, it } from 'vitest';
import { commonName, formatBytes, subIndicationText } from '../src/verify/describe.js';
import { translator } from '../src/i18n/translate.js';

describe('commonName', () => {
  it.each([
    ['CN=Jeanne Tremblay, T=Greffière, O=Ville de Saint-Exemple', 'Jeanne Tremblay'],
    ['O=Ville,CN=Roy\\, Jeanne', 'Roy, Jeanne'],
    ['O=Ville de Saint-Exemple', 'O=Ville de Saint-Exemple'],
  ])('%s → %s', (dn, name) => expect(commonName(dn)).toBe(name));
});

describe('words for the report', () => {
  it('names a known sub-indication in words and an unknown one by its ETSI code', () => {
    expect(subIndicationText('HASH_FAILURE', translator('fr'))).toBe('le contenu signé a été modifié');
    expect(subIndicationText('NO_POE', translator('en'))).toBe('ETSI code NO_POE');
  });

  it('sizes in the reader’s units', () => {
    expect(formatBytes(50 * 1024 * 1024, 'fr')).toBe('50 Mo');
    expect(formatBytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
  });
});
