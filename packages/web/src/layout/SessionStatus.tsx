/** Sign-in state in the header: who is signed in with a sign-out button, or a sign-in link. */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';

export function SessionStatus() {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const { navigate, location } = useRouter();
  const [busy, setBusy] = useState(false);
  if (session === undefined) return null;
  if (session === null) {
    if (location.path === '/login') return null; // the page itself is the sign-in form
    return (
      <Link to="/login" className="button button-secondary" data-testid="header-sign-in">
        {t('nav.signIn')}
      </Link>
    );
  }
  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
      navigate('/');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="session-status">
      <span data-testid="signed-in-as">{t('session.signedInAs', { name: session.user.name })}</span>
      <button type="button" className="button button-secondary" onClick={onSignOut} disabled={busy}>
        {t('session.signOut')}
      </button>
    </div>
  );
}
