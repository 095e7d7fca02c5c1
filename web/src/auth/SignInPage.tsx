import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { AuthLayout } from './AuthLayout';
import { isStaff, useAuth } from './AuthContext';
import type { User } from '../api/types';

// Only paths of this app are followed after sign-in, so `next` cannot send the user elsewhere.
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

function homeOf(user: User): string {
  return isStaff(user) ? '/console' : '/portal';
}

/** Sign-in for agents, admins and customers; each lands on their own home page. */
export function SignInPage() {
  const { t } = useI18n();
  const { user, loading, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (loading) return <Loading />;
  // While a sign-in is under way, submit() chooses where to go once it succeeds.
  if (user && !busy) return <Navigate to={safeNext(params.get('next')) ?? homeOf(user)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(email, password);
      navigate(safeNext(params.get('next')) ?? homeOf(signedIn), { replace: true });
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth.signIn')}>
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('auth.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('auth.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
      </form>
      <p className="auth-switch">
        {t('auth.noAccount')} <Link to="/signup">{t('auth.signUpLink')}</Link>
      </p>
    </AuthLayout>
  );
}
