import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { isStaff, useAuth } from './auth/AuthContext';
import { RequireRole } from './auth/RequireRole';
import { AppShell } from './components/AppShell';
import { ErrorPage } from './components/ErrorPage';
import { Loading } from './components/Loading';
import { SignInPage } from './auth/SignInPage';
import { SignUpPage } from './auth/SignUpPage';
import { InboxPage } from './console/InboxPage';
import { CasePage } from './console/CasePage';
import { KnowledgePage } from './console/KnowledgePage';
import { ImportPage } from './console/ImportPage';
import { PortalHome } from './portal/PortalHome';
import { NewIssuePage } from './portal/NewIssuePage';
import { PortalCasePage } from './portal/PortalCasePage';

// ECharts is most of the bundle's weight, so the dashboard loads on first visit only.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));

function HomeRedirect() {
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace />;
  return <Navigate to={isStaff(user) ? '/console' : '/portal'} replace />;
}

/** Renders the routes of the agent console, the customer portal and the dashboard. */
export function App() {
  return (
    <Routes>
      <Route path="/" element={<HomeRedirect />} />
      <Route path="/login" element={<SignInPage />} />
      <Route path="/signup" element={<SignUpPage />} />

      <Route element={<AppShell />}>
        <Route element={<RequireRole roles={['agent', 'admin']} />}>
          <Route path="/console" element={<InboxPage />} />
          <Route path="/console/cases/:id" element={<CasePage />} />
          <Route path="/console/knowledge" element={<KnowledgePage />} />
          <Route
            path="/console/dashboard"
            element={
              <Suspense fallback={<Loading />}>
                <DashboardPage />
              </Suspense>
            }
          />
        </Route>
        <Route element={<RequireRole roles={['admin']} />}>
          <Route path="/console/import" element={<ImportPage />} />
        </Route>
        <Route element={<RequireRole roles={['customer']} />}>
          <Route path="/portal" element={<PortalHome />} />
          <Route path="/portal/new" element={<NewIssuePage />} />
          <Route path="/portal/cases/:id" element={<PortalCasePage />} />
        </Route>
        <Route path="*" element={<ErrorPage kind="not-found" />} />
      </Route>
    </Routes>
  );
}
