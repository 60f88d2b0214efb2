import { describe, expect, test } from 'vitest';
import { formatAppearanceLines, formatDateTime } from '../../src/appearance/index.js';

const WINTER = new Date('2026-12-03T21:00:00Z');
const SUMMER = new Date('2026-07-03T14:30:00Z');

describe('formatAppearanceLines', () => {
  test('French by default, with a no-break space before each colon', () => {
    expect(formatAppearanceLines({
      signerName: 'Émilie Côté', date: WINTER, timeZone: 'America/Toronto',
      reason: 'Adoption du procès-verbal', location: 'Saint-Lin', levelOfAssurance: 'Avancé — deux facteurs',
    })).toEqual([
      'Signé numériquement par Émilie Côté',
      'Date\u00a0: 2026-12-03 16:00 HNE',
      'Motif\u00a0: Adoption du procès-verbal',
      'Lieu\u00a0: Saint-Lin',
      'Niveau\u00a0: Avancé — deux facteurs',
    ]);
  });

  test('English on request', () => {
    expect(formatAppearanceLines({
      signerName: 'Jean Tremblay', date: SUMMER, timeZone: 'America/Toronto', locale: 'en',
      reason: 'Approved', location: 'City hall', levelOfAssurance: 'Qualified',
    })).toEqual([
      'Digitally signed by Jean Tremblay',
      'Date: 2026-07-03 10:30 EDT',
      'Reason: Approved',
      'Location: City hall',
      'Level: Qualified',
    ]);
  });

  test('omits empty optional lines and trims values', () => {
    expect(formatAppearanceLines({ signerName: '  A. B. ', date: WINTER, reason: '  ', location: '' }))
      .toEqual(['Signé numériquement par A. B.', 'Date\u00a0: 2026-12-03 21:00 UTC']);
  });
});

describe('formatDateTime', () => {
  test('uses the zone abbreviation, summer and winter, in each language', () => {
    expect(formatDateTime(SUMMER, 'America/Toronto', 'fr')).toBe('2026-07-03 10:30 HAE');
    expect(formatDateTime(WINTER, 'America/Toronto', 'en')).toBe('2026-12-03 16:00 EST');
  });

  test('shows a UTC offset when the zone has no abbreviation in that language', () => {
    expect(formatDateTime(SUMMER, 'Europe/Paris', 'fr')).toBe('2026-07-03 16:30 UTC+02:00');
    expect(formatDateTime(WINTER, 'Asia/Kolkata', 'en')).toBe('2026-12-04 02:30 UTC+05:30');
  });

  test('uses a 24-hour clock at midnight', () => {
    expect(formatDateTime(new Date('2026-12-04T05:05:00Z'), 'America/Toronto', 'fr')).toBe('2026-12-04 00:05 HNE');
  });

  test('refuses an unknown time zone and an invalid date with APPEARANCE_OPTIONS', () => {
    expect(() => formatDateTime(WINTER, 'Mars/Olympus', 'fr')).toThrowError(expect.objectContaining({ code: 'APPEARANCE_OPTIONS' }));
    expect(() => formatDateTime(new Date(Number.NaN), 'UTC', 'fr')).toThrowError(expect.objectContaining({ code: 'APPEARANCE_OPTIONS' }));
  });
});
