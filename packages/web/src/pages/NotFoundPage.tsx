/** Any path the app does not know. */
import { useI18n } from '../i18n/i18n-context.js';
import { PageTitle } from '../layout/PageTitle.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('notFound.back')}</Link>
    </div>
  );
}
