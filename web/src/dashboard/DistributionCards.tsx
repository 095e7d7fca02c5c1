import { useState } from 'react';
import type { Dashboard } from '../api/dashboard';
import { useI18n } from '../i18n';
import { ChartCard } from './ChartCard';
import { PALETTE } from './drill';
import { RankedBarChart } from './RankedBarChart';

/** Most root causes the distribution chart shows; the rest are in the CSV export. */
const MAX_ROOT_CAUSES = 12;

/** The cases a distribution counts: helpdesk cases in the range, or every imported case. */
type Scope = 'helpdesk' | 'archive';

function ScopeSelect({ scope, onChange }: { scope: Scope; onChange(scope: Scope): void }) {
  const { t } = useI18n();
  return (
    <select
      className="select-small"
      value={scope}
      aria-label={t('dashboard.scope')}
      onChange={(event) => onChange(event.target.value as Scope)}
    >
      <option value="helpdesk">{t('dashboard.scopeHelpdesk')}</option>
      <option value="archive">{t('dashboard.scopeArchive')}</option>
    </select>
  );
}

function scoped(dashboard: Dashboard, scope: Scope) {
  return scope === 'archive' ? dashboard.archive : dashboard;
}

/** Renders the root-cause distribution of the helpdesk cases in the range or of the archive. */
export function RootCauseCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope>('helpdesk');
  const rows = scoped(dashboard, scope).rootCauses;

  return (
    <ChartCard
      title={t('dashboard.rootCauses')}
      hint={t('dashboard.clickHint')}
      tools={<ScopeSelect scope={scope} onChange={setScope} />}
      csv={{
        fileName: scope === 'archive' ? 'archive-root-causes.csv' : 'root-causes.csv',
        rows,
        columns: [
          ['root_cause', (row) => row.code ?? ''],
          ['label', (row) => row.label],
          ['cases', (row) => row.cases],
        ],
      }}
    >
      {rows.length === 0 ? (
        <p className="empty">{t('dashboard.noData')}</p>
      ) : (
        <RankedBarChart
          label={t('dashboard.rootCauses')}
          color={PALETTE[0]!}
          bars={rows.slice(0, MAX_ROOT_CAUSES)}
        />
      )}
    </ChartCard>
  );
}

/** Renders the recurring issues of the helpdesk cases in the range or of the archive. */
export function TopIssuesCard({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useI18n();
  const [scope, setScope] = useState<Scope>('helpdesk');
  const rows = scoped(dashboard, scope).topIssues;

  return (
    <ChartCard
      title={t('dashboard.topIssues')}
      hint={t('dashboard.clickHint')}
      tools={<ScopeSelect scope={scope} onChange={setScope} />}
      csv={{
        fileName: scope === 'archive' ? 'archive-top-issues.csv' : 'top-issues.csv',
        rows,
        columns: [
          ['root_cause', (row) => row.rootCause],
          ['label', (row) => row.label],
          ['product', (row) => row.product],
          ['type', (row) => row.type],
          ['cases', (row) => row.cases],
        ],
      }}
    >
      {rows.length === 0 ? (
        <p className="empty">{t('dashboard.noData')}</p>
      ) : (
        <RankedBarChart
          label={t('dashboard.topIssues')}
          color={PALETTE[3]!}
          bars={rows.map((issue) => ({
            ...issue,
            label: `${issue.label}（${issue.product}｜${issue.type}）`,
          }))}
        />
      )}
    </ChartCard>
  );
}
