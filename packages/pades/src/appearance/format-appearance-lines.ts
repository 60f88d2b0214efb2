/**
 * The localized text of a signature appearance (French by default, English on request):
 * who signed, when — in the given time zone, or as a UTC offset — and optionally why, where
 * and at which level of assurance.
 */
import { AppearanceError } from './errors.js';

export interface AppearanceLinesOptions {
  readonly signerName: string;
  /** Signing time to display (the caller's clock; the appearance is drawn before signing). */
  readonly date: Date;
  /** IANA time zone, e.g. `America/Toronto` (shown as HNE/EST); default UTC. */
  readonly timeZone?: string;
  readonly reason?: string;
  readonly location?: string;
  /** Free text, e.g. « Signature avancée — deux facteurs ». */
  readonly levelOfAssurance?: string;
  readonly locale?: 'fr' | 'en';
}

// French typography puts a no-break space before a colon; it also keeps the label and colon together.
const LABELS = {
  fr: { signedBy: 'Signé numériquement par', date: 'Date\u00a0:', reason: 'Motif\u00a0:', location: 'Lieu\u00a0:', level: 'Niveau\u00a0:' },
  en: { signedBy: 'Digitally signed by', date: 'Date:', reason: 'Reason:', location: 'Location:', level: 'Level:' },
} as const;

export function formatAppearanceLines(options: AppearanceLinesOptions): string[] {
  const locale = options.locale ?? 'fr';
  const l = LABELS[locale];
  const lines = [`${l.signedBy} ${options.signerName.trim()}`];
  lines.push(`${l.date} ${formatDateTime(options.date, options.timeZone ?? 'UTC', locale)}`);
  if (options.reason?.trim()) lines.push(`${l.reason} ${options.reason.trim()}`);
  if (options.location?.trim()) lines.push(`${l.location} ${options.location.trim()}`);
  if (options.levelOfAssurance?.trim()) lines.push(`${l.level} ${options.levelOfAssurance.trim()}`);
  return lines;
}

/** `2026-12-03 16:00 HNE`: ISO-like date, 24-hour time, the zone's abbreviation or UTC offset. */
export function formatDateTime(date: Date, timeZone: string, locale: 'fr' | 'en'): string {
  if (Number.isNaN(date.getTime())) throw new AppearanceError('APPEARANCE_OPTIONS', 'invalid signing date');
  const parts = (zoneStyle: 'short' | 'longOffset') => {
    try {
      return new Intl.DateTimeFormat(`${locale}-CA`, {
        timeZone, timeZoneName: zoneStyle, hourCycle: 'h23',
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      }).formatToParts(date);
    } catch (cause) {
      throw new AppearanceError('APPEARANCE_OPTIONS', `unknown time zone ${JSON.stringify(timeZone)}`, { cause });
    }
  };
  const short = parts('short');
  const get = (p: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) =>
    p.find((x) => x.type === type)?.value ?? '';
  let zone = get(short, 'timeZoneName');
  // Zones without a recognised abbreviation come out as "UTC+2"/"GMT+2": show the exact offset.
  if (/^(UTC|GMT)[+\-\u2212]/.test(zone)) zone = get(parts('longOffset'), 'timeZoneName').replace(/^GMT/, 'UTC');
  return `${get(short, 'year')}-${get(short, 'month')}-${get(short, 'day')} ${get(short, 'hour')}:${get(short, 'minute')} ${zone}`;
}
