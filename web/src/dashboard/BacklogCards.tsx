import { Link } from 'react-router';
import type { Dashboard } from '../api/dashboard';
import { useI18n } from '../i18n';
import { drillLink } from './drill';
import { useFormatSeconds } from './useFormatSeconds';

/**
 * Renders the headline numbers: the open helpdesk cases now (unanswered, needs-human, slow) and
 * the median times of the helpdesk cases in the range.
 */
export function BacklogCards({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useI18n();
  const formatSeconds = useFormatSeconds();
  const { backlog, firstResponse, resolution } = dashboard;

  const tiles = [
    {
      key: 'unanswered',
      label: t('dashboard.unanswered'),
      value: String(backlog.unanswered.cases),
      filter: backlog.unanswered.filter,
      tone: 'warning',
    },
    {
      key: 'needsHuman',
      label: t('dashboard.needsHuman'),
      value: String(backlog.needsHuman.cases),
      filter: backlog.needsHuman.filter,
      tone: 'danger',
    },
    {
      key: 'slow',
      label: t('dashboard.slow', { hours: backlog.slow.hours }),
      value: String(backlog.slow.cases),
      filter: backlog.slow.filter,
      tone: 'danger',
    },
    {
      key: 'firstResponse',
      label: t('dashboard.firstResponseP50'),
      value: formatSeconds(firstResponse.p50Seconds),
      filter: firstResponse.filter,
      tone: '',
    },
    {
      key: 'resolution',
      label: t('dashboard.resolutionP50'),
      value: formatSeconds(resolution.p50Seconds),
      filter: resolution.filter,
      tone: '',
    },
  ];

  return (
    <div className="kpis">
      {tiles.map((tile) => (
        <Link
          key={tile.key}
          to={drillLink(tile.filter)}
          className={`kpi card kpi-${tile.tone || 'plain'}`}
          data-kpi={tile.key}
        >
          <span className="kpi-label">{tile.label}</span>
          <span className="kpi-value">{tile.value}</span>
          <span className="kpi-link">{t('dashboard.viewCases')} →</span>
        </Link>
      ))}
    </div>
  );
}
