/** The frame of every page: skip link, header (product, navigation, language, sign-in state), main content, footer. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { Link } from '../router.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SessionStatus } from './SessionStatus.js';

export function Layout({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              P
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            <SessionStatus />
          </div>
        </div>
        <nav aria-label={t('nav.label')} className="site-nav">
          <ul>
            <li>
              <Link to="/">{t('nav.home')}</Link>
            </li>
            <li>
              <Link to="/verify">{t('nav.verify')}</Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
        <p>
          <a href="/api/openapi.json">{t('footer.openapi')}</a>
        </p>
      </footer>
    </>
  );
}
