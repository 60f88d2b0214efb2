/** One signature of the report, in plain language: who, when, level, intact or changed, trusted, and every reason. */
import type { SignatureReport } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { commonName, signingWhen, subIndicationText } from './describe.js';
import { StatusBadge } from './StatusBadge.js';

function Fact({ term, children, ok }: { readonly term: string; readonly children: string; readonly ok?: boolean }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd className={ok === undefined ? undefined : ok ? 'fact-ok' : 'fact-bad'}>
        {ok === undefined ? null : <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>}
        {children}
      </dd>
    </div>
  );
}

export function SignatureCard({ signature: s, index }: { readonly signature: SignatureReport; readonly index: number }) {
  const { t, lang } = useI18n();
  const isTimestamp = s.type === 'doc-timestamp';
  const headingId = `signature-${index}`;
  const changed = s.modification !== 'NONE' && s.modification !== 'LTA_UPDATES';
  const extraChanges = s.changes.filter((c) => !s.reasons.some((r) => r.includes(c)));
  return (
    <section className="signature-card" aria-labelledby={headingId} data-testid="signature-card">
      <div className="signature-head">
        <h3 id={headingId}>
          {isTimestamp ? t('report.docTimestamp', { index: index + 1 }) : t('report.signature', { index: index + 1 })}
          <span className="signature-field">{t('report.field', { field: s.field })}</span>
        </h3>
        <StatusBadge indication={s.indication} />
      </div>
      {s.subIndication ? <p className="sub-indication">{t('report.subIndication', { text: subIndicationText(s.subIndication, t) })}</p> : null}
      <dl className="facts">
        <Fact term={isTimestamp ? t('report.stamper') : t('report.signer')}>{s.signer ? commonName(s.signer.subject) : t('report.unknownSigner')}</Fact>
        {s.signer ? <Fact term={t('report.issuer')}>{commonName(s.signer.issuer)}</Fact> : null}
        <Fact term={t('report.when')}>{signingWhen(s, t, lang)}</Fact>
        {isTimestamp ? null : <Fact term={t('report.level')}>{s.level ? t(`report.level.${s.level}`) : t('report.level.none')}</Fact>}
        <Fact term={t('report.integrity')} ok={s.intact && s.cryptoValid}>
          {!s.intact ? t('report.notIntact') : s.cryptoValid ? t('report.intact') : t('report.cryptoInvalid')}
        </Fact>
        <Fact term={t('report.changes')} ok={!changed}>
          {t(`report.modification.${s.modification}`)}
        </Fact>
        <Fact term={t('report.coverage')}>{t(`report.coverage.${s.coverage}`)}</Fact>
        <Fact term={t('report.trust')} ok={s.trusted}>
          {s.trusted ? t('report.trusted') : t('report.untrusted')}
        </Fact>
        <Fact term={t('report.revocation')} ok={s.revocation.status === 'revoked' ? false : s.revocation.status === 'good' ? true : undefined}>
          {`${t(`report.revocation.${s.revocation.status}`)}${s.revocation.source ? ` ${t('report.revocationSource', { source: s.revocation.source.toUpperCase() })}` : ''}`}
        </Fact>
      </dl>
      {s.reasons.length > 0 ? (
        <div className="reasons">
          <h4>{t('report.reasons')}</h4>
          <ul data-testid="reasons">
            {s.reasons.map((r, i) => (
              <li key={i} lang="en">
                {r}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {extraChanges.length > 0 ? (
        <div className="reasons">
          <h4>{t('report.disallowedChanges')}</h4>
          <ul>
            {extraChanges.map((c, i) => (
              <li key={i} lang="en">
                {c}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
