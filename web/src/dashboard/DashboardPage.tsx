import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getDashboard, type Dashboard, type DashboardQuery } from '../api/dashboard';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { useApi } from '../lib/useApi';
import { BacklogCards } from './BacklogCards';
import { ChartCard } from './ChartCard';
import { DashboardControls } from './DashboardControls';
import { RootCauseCard, TopIssuesCard } from './DistributionCards';
import { drillLink, PALETTE } from './drill';
import { chartRange, dashboardParams, isInverted, parseDashboardQuery, toApiRange } from './range';
import { RankedBarChart } from './RankedBarChart';
import { ResponseTimeChart } from './ResponseTimeChart';
import { VolumeChart } from './VolumeChart';

/**
 * Renders the team lead's dashboard, where every chart links to the inbox filtered to its cases.
 * The date range and period length live in the URL, so a reload or a shared link keeps them.
 */
export default function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseDashboardQuery(params), [params]);
  // Replacing the history entry keeps each edit of a date field out of the back button.
  const change = useCallback(
    (next: DashboardQuery) => setParams(dashboardParams(next), { replace: true }),
    [setParams],
  );
  const inverted = isInverted(query);

  return (
    <section className="dashboard">
      <header className="page-header">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p>{t('dashboard.subtitle')}</p>
        </div>
        <DashboardControls query={query} invalid={inverted} onChange={change} />
      </header>

      {inverted ? (
        <div className="notice notice-warning" role="alert" data-testid="inverted-range">
          {t('dashboard.invertedRange', { from: query.from!, to: query.to! })}
        </div>
      ) : (
        <DashboardContent query={query} />
      )}
    </section>
  );
}

function DashboardContent({ query }: { query: DashboardQuery }) {
  const state = useApi((signal) => getDashboard(toApiRange(query), signal), JSON.stringify(query));
  const dashboard = state.data;
  const volumeRange = useMemo(() => chartRange(query), [query]);

  if (state.error) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (!dashboard) return <Loading />;
  return (
    <>
      <ScopeNote dashboard={dashboard} />
      <BacklogCards dashboard={dashboard} />
      <div className="chart-grid">
        <VolumeChart volume={dashboard.volume} range={volumeRange} />
        <RootCauseCard dashboard={dashboard} />
        <TopIssuesCard dashboard={dashboard} />
        <BacklogChart dashboard={dashboard} />
        <ResponseTimeChart
          firstResponse={dashboard.firstResponse}
          resolution={dashboard.resolution}
        />
      </div>
    </>
  );
}

// Says which cases the figures count, so the imported archive's absence is not a surprise.
function ScopeNote({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useI18n();
  const { archive } = dashboard;
  if (archive.cases === 0) return null;
  return (
    <p className="muted small" data-testid="dashboard-scope">
      {t('dashboard.scopeNote', { count: archive.cases })}{' '}
      <Link to={drillLink(archive.filter)}>{t('dashboard.viewArchive')} →</Link>
    </p>
  );
}

function BacklogChart({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useI18n();
  const { backlog } = dashboard;
  return (
    <ChartCard
      title={t('dashboard.backlog')}
      hint={`${t('dashboard.backlogHint')} ${t('dashboard.clickHint')}`}
    >
      <RankedBarChart
        label={t('dashboard.backlog')}
        color={PALETTE[2]!}
        bars={[
          { label: t('dashboard.unanswered'), ...backlog.unanswered },
          { label: t('dashboard.needsHuman'), ...backlog.needsHuman },
          { label: t('dashboard.slow', { hours: backlog.slow.hours }), ...backlog.slow },
        ]}
      />
    </ChartCard>
  );
}
