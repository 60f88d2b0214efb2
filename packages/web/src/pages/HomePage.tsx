/** Landing page: the public verification service and the staff sign-in, or a welcome once signed in. */
import { useI18n } from '../i18n/i18n-context.js';
import { PageTitle } from '../layout/PageTitle.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

export function HomePage() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <div className="page">
      <PageTitle>{session ? t('home.welcome', { name: session.user.name }) : t('home.title')}</PageTitle>
      {session ? (
        <>
          <p className="lead">{t('home.organisation', { organisation: session.organisation.name })}</p>
          <p>{t('home.nextSteps')}</p>
        </>
      ) : (
        <p className="lead">{t('home.intro')}</p>
      )}
      <div className="cards">
        <section className="card" aria-labelledby="home-verify">
          <h2 id="home-verify">{t('home.verifyTitle')}</h2>
          <p>{t('home.verifyText')}</p>
          <Link to="/verify" className="button">
            {t('home.verifyAction')}
          </Link>
        </section>
        {session ? null : (
          <section className="card" aria-labelledby="home-sign-in">
            <h2 id="home-sign-in">{t('home.signInTitle')}</h2>
            <p>{t('home.signInText')}</p>
            <Link to="/login" className="button button-secondary">
              {t('home.signInAction')}
            </Link>
          </section>
        )}
      </div>
    </div>
  );
}
