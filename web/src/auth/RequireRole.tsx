import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { ErrorPage } from '../components/ErrorPage';
import { Loading } from '../components/Loading';
import { useAuth } from './AuthContext';

/** Renders the nested routes for users of the given roles; others sign in or see an error. */
export function RequireRole({ roles }: { roles: Role[] }) {
  const { user, loading, error } = useAuth();
  const location = useLocation();

  if (loading) return <Loading />;
  if (error) return <ErrorPage kind="unavailable" detail={error.message} />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (!roles.includes(user.role)) return <ErrorPage kind="forbidden" />;
  return <Outlet />;
}
