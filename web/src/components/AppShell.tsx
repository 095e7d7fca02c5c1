import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { isStaff, useAuth } from '../auth/AuthContext';
import { useI18n, type MessageKey } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

interface NavItem {
  to: string;
  label: MessageKey;
  /** Path prefixes under which the item is active besides its own path, such as a case view. */
  also?: string[];
}

const STAFF_NAV: NavItem[] = [
  { to: '/console', label: 'nav.inbox', also: ['/console/cases/'] },
  { to: '/console/dashboard', label: 'nav.dashboard' },
  { to: '/console/knowledge', label: 'nav.knowledge' },
];
const ADMIN_NAV: NavItem[] = [{ to: '/console/import', label: 'nav.import' }];
const CUSTOMER_NAV: NavItem[] = [
  { to: '/portal', label: 'nav.myCases', also: ['/portal/cases/'] },
  { to: '/portal/new', label: 'nav.newIssue' },
];

function isActive(item: NavItem, pathname: string): boolean {
  return pathname === item.to || (item.also ?? []).some((prefix) => pathname.startsWith(prefix));
}

function navFor(role: string | undefined): NavItem[] {
  if (role === 'admin') return [...STAFF_NAV, ...ADMIN_NAV];
  if (role === 'agent') return STAFF_NAV;
  if (role === 'customer') return CUSTOMER_NAV;
  return [];
}

/** Renders the frame of every signed-in page: brand, navigation, language switch and account. */
export function AppShell() {
  const { user, logout } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const signOut = async () => {
    await logout();
    navigate('/login');
  };

  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">casebook</span>
          <span className="brand-area">
            {isStaff(user) ? t('brand.console') : t('brand.portal')}
          </span>
        </Link>
        <nav className="topnav" aria-label={t('nav.label')}>
          {navFor(user?.role).map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className={`topnav-link${isActive(item, pathname) ? ' active' : ''}`}
              aria-current={isActive(item, pathname) ? 'page' : undefined}
            >
              {t(item.label)}
            </Link>
          ))}
        </nav>
        <div className="topbar-tools">
          <LanguageSwitch />
          {user && (
            <>
              <span className="topbar-user" title={user.email}>
                {user.name}
              </span>
              <button type="button" className="button button-ghost button-small" onClick={signOut}>
                {t('auth.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
