import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { CaseFilter, Dashboard } from '../api/dashboard';
import { useI18n } from '../i18n';
import { ChartCard } from './ChartCard';
import { drillLink, PALETTE } from './drill';
import { EChart } from './EChart';
import { fillPeriods } from './periods';

type Grouping = 'product' | 'category';
type VolumeRow = Dashboard['volume'][number];

interface Series {
  name: string;
  counts: number[];
  filters: Array<CaseFilter | null>;
}

function withoutType(filter: CaseFilter): CaseFilter {
  const copy = { ...filter };
  delete copy.type;
  return copy;
}

// Sums the rows per period and group; a group's filter per period drills to exactly its cases.
function buildSeries(rows: VolumeRow[], grouping: Grouping, range: Dashboard['range']) {
  const found = [...new Set(rows.map((row) => row.period))].sort();
  const periods = fillPeriods(found, range.bucket, range);
  const index = new Map(periods.map((period, position) => [period, position]));
  const groups = new Map<string, Series>();

  for (const row of rows) {
    const name = grouping === 'product' ? row.product : `${row.product}｜${row.type}`;
    let series = groups.get(name);
    if (!series) {
      series = { name, counts: periods.map(() => 0), filters: periods.map(() => null) };
      groups.set(name, series);
    }
    const at = index.get(row.period)!;
    series.counts[at]! += row.cases;
    series.filters[at] = grouping === 'product' ? withoutType(row.filter) : row.filter;
  }

  const ordered = [...groups.values()].sort(
    (a, b) => b.counts.reduce((x, y) => x + y, 0) - a.counts.reduce((x, y) => x + y, 0),
  );
  return { periods, series: ordered };
}

/** Props of {@link VolumeChart}. */
export interface VolumeChartProps {
  volume: VolumeRow[];
  /** The first and last day (both inclusive) and the period length of the axis. */
  range: Dashboard['range'];
}

/** Renders the cases opened per period, stacked by product or by product and type. */
export function VolumeChart({ volume, range }: VolumeChartProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [grouping, setGrouping] = useState<Grouping>('product');
  const { periods, series } = useMemo(
    () => buildSeries(volume, grouping, range),
    [volume, grouping, range],
  );

  const option = useMemo(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((entry) => ({
        name: entry.name,
        type: 'bar',
        stack: 'cases',
        barMaxWidth: 48,
        emphasis: { focus: 'series' },
        data: entry.counts,
      })),
    }),
    [periods, series],
  );

  const tools = (
    <select
      className="select-small"
      value={grouping}
      aria-label={t('dashboard.groupBy')}
      onChange={(event) => setGrouping(event.target.value as Grouping)}
    >
      <option value="product">{t('dashboard.byProduct')}</option>
      <option value="category">{t('dashboard.byCategory')}</option>
    </select>
  );

  return (
    <ChartCard
      title={t('dashboard.volume')}
      hint={t('dashboard.clickHint')}
      tools={tools}
      className="chart-wide"
      csv={{
        fileName: 'case-volume.csv',
        rows: volume,
        columns: [
          ['period', (row) => row.period],
          ['product', (row) => row.product],
          ['type', (row) => row.type],
          ['cases', (row) => row.cases],
        ],
      }}
    >
      {volume.length === 0 ? (
        <p className="empty">{t('dashboard.noData')}</p>
      ) : (
        <EChart
          option={option}
          height={320}
          label={t('dashboard.volume')}
          onClick={({ seriesIndex, dataIndex }) => {
            const filter = series[seriesIndex]?.filters[dataIndex];
            if (filter) navigate(drillLink(filter));
          }}
        />
      )}
    </ChartCard>
  );
}
