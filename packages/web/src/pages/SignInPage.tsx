/** Sign-in with a local account: POST /api/auth/login, then back to the home page. */
import { useState, type FormEvent } from 'react';
import { ApiError, apiRequest } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import type { SignedIn } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Field } from '../layout/Field.js';
import { PageTitle } from '../layout/PageTitle.js';
import { useRouter } from '../router.js';
import { useSession } from '../session.js';

export function SignInPage() {
  const { t } = useI18n();
  const { session, signedIn } = useSession();
  const { navigate } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await apiRequest<SignedIn>('/api/auth/login', { method: 'POST', body: { email: email.trim(), password } });
      signedIn(result);
      navigate('/');
    } catch (e) {
      setError(e);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const message = error === null ? null : error instanceof ApiError && error.code === 'INVALID_CREDENTIALS' ? t('signIn.failed') : errorMessage(error, t);
  return (
    <div className="page page-narrow">
      <PageTitle>{t('signIn.title')}</PageTitle>
      {session ? <p className="notice">{t('signIn.already')}</p> : null}
      <p>{t('signIn.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate={false}>
        {message ? (
          <p className="alert alert-error" role="alert" data-testid="sign-in-error">
            {message}
          </p>
        ) : null}
        <Field label={t('signIn.email')} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field label={t('signIn.password')} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
