/**
 * Short human summary of a validation report, per signature: who, when, level, verdict and
 * every reason, in English or French.
 */
import type { Indication, SignatureReport, ValidationReport } from './report.js';

export type ReportLocale = 'en' | 'fr';

const TEXT = {
  en: {
    TOTAL_PASSED: 'VALID', TOTAL_FAILED: 'INVALID', INDETERMINATE: 'INDETERMINATE',
    document: 'Document', signatures: (n: number) => `${n} signature${n === 1 ? '' : 's'}`,
    signature: 'Signature', docTs: 'Document timestamp', field: 'field', signer: 'Signed by', stamper: 'Timestamped by', issuer: 'issued by',
    unknownSigner: 'unknown signer', claimed: 'claimed signing time', timestamp: 'timestamp', none: 'none',
    level: 'PAdES level', noLevel: 'not PAdES baseline', coverage: 'coverage', modification: 'changes after signing',
    intact: 'integrity', crypto: 'signature value', trust: 'trusted', yes: 'yes', no: 'no',
    revocation: 'revocation', reasons: 'Reasons', changes: 'Disallowed changes', warnings: 'Warnings',
  },
  fr: {
    TOTAL_PASSED: 'VALIDE', TOTAL_FAILED: 'INVALIDE', INDETERMINATE: 'INDÉTERMINÉ',
    document: 'Document', signatures: (n: number) => `${n} signature${n === 1 ? '' : 's'}`,
    signature: 'Signature', docTs: 'Horodatage du document', field: 'champ', signer: 'Signé par', stamper: 'Horodaté par', issuer: 'émis par',
    unknownSigner: 'signataire inconnu', claimed: 'heure de signature déclarée', timestamp: 'horodatage', none: 'aucun',
    level: 'niveau PAdES', noLevel: 'hors profil PAdES baseline', coverage: 'couverture', modification: 'modifications après signature',
    intact: 'intégrité', crypto: 'valeur de signature', trust: 'de confiance', yes: 'oui', no: 'non',
    revocation: 'révocation', reasons: 'Motifs', changes: 'Modifications non autorisées', warnings: 'Avertissements',
  },
} as const;

function verdict(ind: Indication, sub: string | null, locale: ReportLocale): string {
  return sub ? `${TEXT[locale][ind]} (${sub})` : TEXT[locale][ind];
}

function formatSignature(s: SignatureReport, i: number, locale: ReportLocale): string[] {
  const t = TEXT[locale];
  const yn = (b: boolean): string => (b ? t.yes : t.no);
  const isTs = s.type === 'doc-timestamp';
  const lines = [
    `${i + 1}. ${isTs ? t.docTs : t.signature} — ${t.field} "${s.field}": ${verdict(s.indication, s.subIndication, locale)}`,
    `   ${isTs ? t.stamper : t.signer}: ${s.signer ? `${s.signer.subject} (${t.issuer} ${s.signer.issuer})` : t.unknownSigner}`,
    isTs ? `   ${t.timestamp}: ${s.signingTime.timestamp ?? t.none}` : `   ${t.claimed}: ${s.signingTime.claimed ?? t.none}; ${t.timestamp}: ${s.signingTime.timestamp ?? t.none}`,
    `   ${isTs ? '' : `${t.level}: ${s.level ?? t.noLevel}; `}${t.coverage}: ${s.coverage}; ${t.modification}: ${s.modification}`,
    `   ${t.intact}: ${yn(s.intact)}; ${t.crypto}: ${yn(s.cryptoValid)}; ${t.trust}: ${yn(s.trusted)}; ${t.revocation}: ${s.revocation.status}${s.revocation.source ? ` (${s.revocation.source})` : ''}`,
  ];
  if (s.reasons.length > 0) {
    lines.push(`   ${t.reasons}:`);
    for (const r of s.reasons) lines.push(`   - ${r}`);
  }
  const undisplayed = s.changes.filter((c) => !s.reasons.some((r) => r.includes(c)));
  if (undisplayed.length > 0) {
    lines.push(`   ${t.changes}:`);
    for (const c of undisplayed) lines.push(`   - ${c}`);
  }
  return lines;
}

export function formatReport(report: ValidationReport, options: { locale: ReportLocale } = { locale: 'en' }): string {
  const locale = options.locale === 'fr' ? 'fr' : 'en';
  const t = TEXT[locale];
  const lines = [`${t.document}: ${verdict(report.indication, null, locale)} — ${t.signatures(report.signatures.length)}`];
  report.signatures.forEach((s, i) => lines.push(...formatSignature(s, i, locale)));
  if (report.warnings.length > 0) {
    lines.push(`${t.warnings}:`);
    for (const w of report.warnings) lines.push(`- ${w}`);
  }
  return `${lines.join('\n')}\n`;
}
