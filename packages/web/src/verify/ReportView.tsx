/** The whole validation report: overall verdict in words, one card per signature, warnings, and the JSON for experts. */
import type { ValidationReport } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatTime } from './describe.js';
import { SignatureCard } from './SignatureCard.js';
import { StatusBadge } from './StatusBadge.js';

export function ReportView({ report, fileName }: { readonly report: ValidationReport; readonly fileName: string }) {
  const { t, lang } = useI18n();
  const none = report.signatures.length === 0;
  const hasReasons = report.signatures.some((s) => s.reasons.length > 0) || report.warnings.length > 0;
  return (
    <section className="report" aria-labelledby="report-title" data-testid="report" data-indication={report.indication}>
      <div className={`verdict verdict-${report.indication.toLowerCase()}`}>
        <div className="verdict-head">
          <h2 id="report-title">{t('report.title')}</h2>
          <StatusBadge indication={report.indication} />
        </div>
        <p className="verdict-summary" data-testid="verdict-summary">
          {none ? t('report.noSignatures') : t(`report.summary.${report.indication}`)}
        </p>
        <p className="verdict-meta">
          {t('verify.fileLabel', { name: fileName })} · {t('report.count', { count: report.signatures.length })} ·{' '}
          {t('report.checkedAt', { time: formatTime(report.validationTime, lang) })}
        </p>
      </div>
      {report.signatures.map((s, i) => (
        <SignatureCard key={i} signature={s} index={i} />
      ))}
      {report.warnings.length > 0 ? (
        <div className="reasons warnings">
          <h3>{t('report.warnings')}</h3>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i} lang="en">
                {w}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {hasReasons && lang !== 'en' ? <p className="note">{t('report.reasonsNote')}</p> : null}
      <details className="json">
        <summary>{t('report.json')}</summary>
        <pre lang="en" tabIndex={0} data-testid="report-json">
          {JSON.stringify(report, null, 2)}
        </pre>
      </details>
    </section>
  );
}
