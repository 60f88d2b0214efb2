/** The visible FR/EN switch: a button naming the other language in that language. */
import { useI18n } from '../i18n/i18n-context.js';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="lang-switch" lang={other} title={t('lang.switchToHint')} onClick={() => setLang(other)} data-testid="lang-switch">
      <span aria-hidden="true" className="lang-code">
        {other.toUpperCase()}
      </span>{' '}
      {t('lang.switchTo')}
    </button>
  );
}
