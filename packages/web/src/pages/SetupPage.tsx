/** First start: the one-time link `/setup?token=…` creates the organisation and its first administrator (POST /api/setup). */
import { useState, type FormEvent } from 'react';
import { ApiError, apiRequest } from '../api/client.js';
import { errorMessage } from '../api/error-message.js';
import type { SignedIn } from '../api/types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Field } from '../layout/Field.js';
import { PageTitle } from '../layout/PageTitle.js';
import { useRouter } from '../router.js';
import { useSession } from '../session.js';

/** The server's rule (identity: MIN_PASSWORD_LENGTH); checked here only to answer before the round trip. */
const MIN_PASSWORD_LENGTH = 12;

export function SetupPage() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const { location, navigate } = useRouter();
  const token = location.query.get('token') ?? '';
  const [form, setForm] = useState({ organisationName: '', adminName: '', adminEmail: '', password: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.password.length < MIN_PASSWORD_LENGTH) return setError(t('setup.passwordTooShort', { min: MIN_PASSWORD_LENGTH }));
    if (form.password !== form.confirm) return setError(t('setup.passwordMismatch'));
    setBusy(true);
    setError(null);
    try {
      const { confirm: _confirm, ...fields } = form;
      const result = await apiRequest<SignedIn>('/api/setup', { method: 'POST', body: { token, ...fields } });
      signedIn(result);
      navigate('/');
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'SETUP_TOKEN_INVALID' ? t('setup.tokenInvalid') : errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page page-narrow">
      <PageTitle>{t('setup.title')}</PageTitle>
      {token === '' ? (
        <p className="alert alert-error" role="alert">
          {t('setup.noToken')}
        </p>
      ) : (
        <>
          <p>{t('setup.intro')}</p>
          <form className="form" onSubmit={onSubmit}>
            {error ? (
              <p className="alert alert-error" role="alert" data-testid="setup-error">
                {error}
              </p>
            ) : null}
            <Field label={t('setup.organisationName')} name="organisationName" autoComplete="organization" required value={form.organisationName} onChange={set('organisationName')} />
            <Field label={t('setup.adminName')} name="adminName" autoComplete="name" required value={form.adminName} onChange={set('adminName')} />
            <Field label={t('setup.adminEmail')} type="email" name="adminEmail" autoComplete="email" required value={form.adminEmail} onChange={set('adminEmail')} />
            <Field
              label={t('setup.password')}
              hint={t('setup.passwordHint', { min: MIN_PASSWORD_LENGTH })}
              type="password"
              name="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              value={form.password}
              onChange={set('password')}
            />
            <Field label={t('setup.passwordConfirm')} type="password" name="confirm" autoComplete="new-password" required value={form.confirm} onChange={set('confirm')} />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('setup.submitting') : t('setup.submit')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
