import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';

/** Renders the centered card that the sign-in and sign-up pages share. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();

  return (
    <div className="auth-screen">
      <div className="auth-language">
        <LanguageSwitch />
      </div>
      <div className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">casebook</span>
        </div>
        <p className="auth-tagline">{t('auth.tagline')}</p>
        <h1 className="auth-title">{title}</h1>
        {children}
      </div>
    </div>
  );
}
