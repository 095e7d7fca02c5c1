import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { DurationStats } from '../api/dashboard';
import { useI18n } from '../i18n';
import { ChartCard } from './ChartCard';
import { drillLink, PALETTE } from './drill';
import { pickDurationUnit, type DurationUnit } from './durationUnit';
import { EChart } from './EChart';
import { useFormatSeconds } from './useFormatSeconds';

// Bars keep the exact value, so a short median under a long P90 still draws a sliver.
function inUnit(seconds: number | null, unit: DurationUnit): number | null {
  return seconds === null ? null : seconds / unit.seconds;
}

/**
 * Median and 90th percentile of first-response and resolution times, on an axis in the unit
 * that fits the longest of them (seconds, minutes, hours or days).
 */
export function ResponseTimeChart({
  firstResponse,
  resolution,
}: {
  firstResponse: DurationStats;
  resolution: DurationStats;
}) {
  const { t } = useI18n();
  const formatSeconds = useFormatSeconds();
  const navigate = useNavigate();
  const stats = useMemo(() => [firstResponse, resolution], [firstResponse, resolution]);
  const unit = useMemo(
    () => pickDurationUnit(stats.flatMap((s) => [s.p50Seconds, s.p90Seconds])),
    [stats],
  );
  const unitLabel = t(`dashboard.unit.${unit.name}`);
  const option = useMemo(
    () => ({
      color: [PALETTE[0], PALETTE[2]],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        valueFormatter: (value: number | null) =>
          value === null ? '—' : formatSeconds(value * unit.seconds),
      },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: [t('dashboard.firstResponse'), t('dashboard.resolution')] },
      yAxis: { type: 'value', name: unitLabel },
      series: [
        {
          name: 'P50',
          type: 'bar',
          barMaxWidth: 40,
          data: stats.map((s) => inUnit(s.p50Seconds, unit)),
        },
        {
          name: 'P90',
          type: 'bar',
          barMaxWidth: 40,
          data: stats.map((s) => inUnit(s.p90Seconds, unit)),
        },
      ],
    }),
    [stats, t, unit, unitLabel, formatSeconds],
  );

  const empty = stats.every((s) => s.cases === 0);
  return (
    <ChartCard
      title={t('dashboard.times')}
      hint={`${t('dashboard.timesHint', {
        first: firstResponse.cases,
        resolved: resolution.cases,
      })} · ${t('dashboard.timesUnit', { unit: unitLabel })}`}
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
