import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { DurationStats } from '../api/dashboard';
import { useI18n } from '../i18n';
import { formatDuration } from '../lib/format';
import { ChartCard } from './ChartCard';
import { drillLink, PALETTE } from './drill';
import { EChart } from './EChart';

function hours(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / 3600) * 10) / 10;
}

/** Median and 90th percentile of first-response and resolution times, in hours. */
export function ResponseTimeChart({
  firstResponse,
  resolution,
}: {
  firstResponse: DurationStats;
  resolution: DurationStats;
}) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const stats = useMemo(() => [firstResponse, resolution], [firstResponse, resolution]);
  const option = useMemo(
    () => ({
      color: [PALETTE[0], PALETTE[2]],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        valueFormatter: (value: number | null) =>
          value === null ? '—' : formatDuration(value * 3600, language),
      },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: [t('dashboard.firstResponse'), t('dashboard.resolution')] },
      yAxis: { type: 'value', name: t('dashboard.hours') },
      series: [
        { name: 'P50', type: 'bar', barMaxWidth: 40, data: stats.map((s) => hours(s.p50Seconds)) },
        { name: 'P90', type: 'bar', barMaxWidth: 40, data: stats.map((s) => hours(s.p90Seconds)) },
      ],
    }),
    [stats, t, language],
  );

  const empty = stats.every((s) => s.cases === 0);
  return (
    <ChartCard
      title={t('dashboard.times')}
      hint={t('dashboard.timesHint', { first: firstResponse.cases, resolved: resolution.cases })}
      csv={{
        fileName: 'response-times.csv',
        rows: stats.map((s, index) => ({
          ...s,
          name: index === 0 ? 'first_response' : 'resolution',
        })),
        columns: [
          ['measure', (row) => row.name],
          ['cases', (row) => row.cases],
          ['p50_seconds', (row) => row.p50Seconds],
          ['p90_seconds', (row) => row.p90Seconds],
        ],
      }}
    >
      {empty ? (
        <p className="empty">{t('dashboard.noTimes')}</p>
      ) : (
        <EChart
          option={option}
          height={260}
          label={t('dashboard.times')}
          onClick={({ dataIndex }) => {
            const filter = stats[dataIndex]?.filter;
            if (filter) navigate(drillLink(filter));
          }}
        />
      )}
    </ChartCard>
  );
}
