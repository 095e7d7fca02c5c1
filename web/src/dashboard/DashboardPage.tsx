import { useMemo, useState } from 'react';
import { getDashboard, type Dashboard, type DashboardQuery } from '../api/dashboard';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n';
import { useApi } from '../lib/useApi';
import { BacklogCards } from './BacklogCards';
import { ChartCard } from './ChartCard';
import { DashboardControls } from './DashboardControls';
import { PALETTE } from './drill';
import { RankedBarChart } from './RankedBarChart';
import { ResponseTimeChart } from './ResponseTimeChart';
import { VolumeChart } from './VolumeChart';

/** Most root causes the distribution chart shows; the rest are in the CSV export. */
const MAX_ROOT_CAUSES = 12;

/** Days before today that the dashboard shows when it opens. */
const DEFAULT_RANGE_DAYS = 90;

function defaultQuery(): DashboardQuery {
  const from = new Date(Date.now() - DEFAULT_RANGE_DAYS * 86_400_000);
  return { bucket: 'week', from: localDate(from) };
}

// The date inputs work in the browser's time zone, so the default start is a local date too.
function localDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

// The date inputs hold local dates, and the API compares UTC times: each local day boundary
// becomes its UTC instant, and the inclusive end date becomes the next day's midnight.
function toApiRange(query: DashboardQuery): DashboardQuery {
  const range: DashboardQuery = { bucket: query.bucket };
  if (query.from) range.from = localMidnight(query.from, 0).toISOString();
  if (query.to) range.to = localMidnight(query.to, 1).toISOString();
  return range;
}

function localMidnight(day: string, addDays: number): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + addDays);
}

// The volume axis runs from the start date to the end date, or to today without one.
function chartRange(query: DashboardQuery): Dashboard['range'] {
  return { bucket: query.bucket, from: query.from, to: query.to ?? localDate(new Date()) };
}

/** Renders the team lead's dashboard, where every chart links to the inbox filtered to its cases. */
export default function DashboardPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<DashboardQuery>(defaultQuery);
  const state = useApi((signal) => getDashboard(toApiRange(query), signal), JSON.stringify(query));
  const dashboard = state.data;
  const volumeRange = useMemo(() => chartRange(query), [query]);

  return (
    <section className="dashboard">
      <header className="page-header">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p>{t('dashboard.subtitle')}</p>
        </div>
        <DashboardControls query={query} onChange={setQuery} />
      </header>

      {state.error ? (
        <ErrorNotice error={state.error} onRetry={state.reload} />
      ) : !dashboard ? (
        <Loading />
      ) : (
        <>
          <BacklogCards dashboard={dashboard} />
          <div className="chart-grid">
            <VolumeChart volume={dashboard.volume} range={volumeRange} />
            <ChartCard
              title={t('dashboard.rootCauses')}
              hint={t('dashboard.clickHint')}
              csv={{
                fileName: 'root-causes.csv',
                rows: dashboard.rootCauses,
                columns: [
                  ['root_cause', (row) => row.code ?? ''],
                  ['label', (row) => row.label],
                  ['cases', (row) => row.cases],
                ],
              }}
            >
              <RankedBarChart
                label={t('dashboard.rootCauses')}
                color={PALETTE[0]!}
                bars={dashboard.rootCauses.slice(0, MAX_ROOT_CAUSES)}
              />
            </ChartCard>
            <ChartCard
              title={t('dashboard.topIssues')}
              hint={t('dashboard.clickHint')}
              csv={{
                fileName: 'top-issues.csv',
                rows: dashboard.topIssues,
                columns: [
                  ['root_cause', (row) => row.rootCause],
                  ['label', (row) => row.label],
                  ['product', (row) => row.product],
                  ['type', (row) => row.type],
                  ['cases', (row) => row.cases],
                ],
              }}
            >
              {dashboard.topIssues.length === 0 ? (
                <p className="empty">{t('dashboard.noData')}</p>
              ) : (
                <RankedBarChart
                  label={t('dashboard.topIssues')}
                  color={PALETTE[3]!}
                  bars={dashboard.topIssues.map((issue) => ({
                    ...issue,
                    label: `${issue.label}（${issue.product}｜${issue.type}）`,
                  }))}
                />
              )}
            </ChartCard>
            <ChartCard title={t('dashboard.backlog')} hint={t('dashboard.clickHint')}>
              <RankedBarChart
                label={t('dashboard.backlog')}
                color={PALETTE[2]!}
                bars={[
                  { label: t('dashboard.unanswered'), ...dashboard.backlog.unanswered },
                  { label: t('dashboard.needsHuman'), ...dashboard.backlog.needsHuman },
                  {
                    label: t('dashboard.slow', { hours: dashboard.backlog.slow.hours }),
                    ...dashboard.backlog.slow,
                  },
                ]}
              />
            </ChartCard>
            <ResponseTimeChart
              firstResponse={dashboard.firstResponse}
              resolution={dashboard.resolution}
            />
          </div>
        </>
      )}
    </section>
  );
}
