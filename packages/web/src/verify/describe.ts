/** Plain-language pieces of a validation report: names out of distinguished names, dates and sizes in the reader's language. */
import type { MessageKey } from '../i18n/fr.js';
import type { Lang, Translate } from '../i18n/translate.js';
import type { SignatureReport } from '../api/types.js';

/** The common name of an RFC 4514 distinguished name ("CN=Jeanne Roy,O=Ville" → "Jeanne Roy"), else the whole name. */
export function commonName(dn: string): string {
  const match = /(?:^|,)\s*CN=((?:\\.|[^,\\])+)/.exec(dn);
  return match ? match[1]!.replace(/\\(.)/g, '$1').trim() : dn;
}

export function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeStyle: 'long' }).format(date);
}

export function formatBytes(bytes: number, lang: Lang): string {
  const mib = bytes / (1024 * 1024);
  const unit = lang === 'fr' ? 'Mo' : 'MB';
  return `${new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 1 }).format(mib)} ${unit}`;
}

/** When the signature was made: the trusted timestamp if any, else the signer's claim. */
export function signingWhen(s: SignatureReport, t: Translate, lang: Lang): string {
  if (s.signingTime.timestamp) return t('report.whenTimestamp', { time: formatTime(s.signingTime.timestamp, lang) });
  if (s.signingTime.claimed) return t('report.whenClaimed', { time: formatTime(s.signingTime.claimed, lang) });
  return t('report.whenUnknown');
}

const KNOWN_SUB = new Set(['HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'FORMAT_FAILURE', 'REVOKED', 'NO_CERTIFICATE_CHAIN_FOUND', 'OUT_OF_BOUNDS_NO_POE', 'CRYPTO_CONSTRAINTS_FAILURE', 'EXPIRED', 'TRY_LATER']);

/** The ETSI sub-indication in words; codes without a sentence are named as they are. */
export function subIndicationText(code: string, t: Translate): string {
  return KNOWN_SUB.has(code) ? t(`sub.${code}` as MessageKey) : t('sub.other', { code });
}
