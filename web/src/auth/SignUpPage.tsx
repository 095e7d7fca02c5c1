import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { AuthLayout } from './AuthLayout';
import { useAuth } from './AuthContext';

/** Minimum password length; the API rejects shorter ones (PASSWORD_LENGTH in src/server). */
const MIN_PASSWORD_LENGTH = 10;

/** Account creation for customers of the portal. */
export function SignUpPage() {
  const { t } = useI18n();
  const { user, loading, signup } = useAuth();
  const navigate = useNavigate();
  const [fields, setFields] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (loading) return <Loading />;
  // While a signup is under way, submit() chooses where to go once it succeeds.
  if (user && !busy) return <Navigate to="/" replace />;

  const update = (name: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signup(fields);
      navigate('/portal/new', { replace: true });
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth.signUp')}>
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('auth.name')}</span>
          <input
            name="name"
            autoComplete="name"
            required
            maxLength={100}
            value={fields.name}
            onChange={update('name')}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('auth.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="email"
            required
            value={fields.email}
            onChange={update('email')}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('auth.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            value={fields.password}
            onChange={update('password')}
          />
          <span className="field-hint">{t('auth.passwordHint', { min: MIN_PASSWORD_LENGTH })}</span>
        </label>
        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('auth.signingUp') : t('auth.signUp')}
        </button>
      </form>
      <p className="auth-switch">
        {t('auth.haveAccount')} <Link to="/login">{t('auth.signInLink')}</Link>
      </p>
    </AuthLayout>
  );
}
