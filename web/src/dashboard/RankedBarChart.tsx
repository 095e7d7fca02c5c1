import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { CaseFilter } from '../api/dashboard';
import { useMediaQuery } from '../lib/useMediaQuery';
import { drillLink } from './drill';
import { EChart } from './EChart';

/** One bar of a ranked chart: its label, count and the filter that lists its cases. */
export interface RankedBar {
  label: string;
  cases: number;
  filter: CaseFilter;
}

/** Height of one bar row in pixels, so long lists grow the chart instead of squeezing it. */
const ROW_HEIGHT = 30;

/** Characters of an axis label before it is cut, on wide and on phone-sized screens. */
const LABEL_CHARS = { wide: 16, narrow: 8 };

// Long Chinese labels are cut on the axis; the tooltip shows them whole.
function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Horizontal bars, largest first; a click on a bar opens the inbox filtered to its cases. */
export function RankedBarChart({
  bars,
  label,
  color,
}: {
  bars: RankedBar[];
  label: string;
  color: string;
}) {
  const navigate = useNavigate();
  const narrow = useMediaQuery('(max-width: 760px)');
  const labelChars = narrow ? LABEL_CHARS.narrow : LABEL_CHARS.wide;
  // ECharts draws category axes bottom-up, so the largest bar goes last to appear on top.
  const ordered = useMemo(() => [...bars].sort((a, b) => a.cases - b.cases), [bars]);

  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', confine: true, formatter: '{b}: {c}' },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: ordered.map((bar) => bar.label),
        axisLabel: { formatter: (value: string) => shorten(value, labelChars) },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color, borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right' },
          data: ordered.map((bar) => bar.cases),
        },
      ],
    }),
    [ordered, color, labelChars],
  );

  return (
    <EChart
      option={option}
      height={Math.max(160, ordered.length * ROW_HEIGHT + 24)}
      label={label}
      onClick={({ dataIndex }) => {
        const bar = ordered[dataIndex];
        if (bar) navigate(drillLink(bar.filter));
      }}
    />
  );
}
