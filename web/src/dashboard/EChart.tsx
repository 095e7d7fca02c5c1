import { useEffect, useRef } from 'react';
import { BarChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

/** The CJK-friendly font stack of the app, for chart labels drawn on the canvas. */
const FONT_FAMILY = "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/** A click on a chart's data item: its series and its index in the series. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  seriesName?: string;
  name?: string;
}

/** Props of {@link EChart}. */
export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  label: string;
  onClick?(click: ChartClick): void;
}

/** Renders an ECharts canvas that follows its container's width and reports clicks on data items. */
export function EChart({ option, height, label, onClick }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const element = container.current!;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      clickRef.current?.({
        seriesIndex: params.seriesIndex ?? 0,
        dataIndex: params.dataIndex,
        seriesName: params.seriesName,
        name: params.name,
      });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Tooltips are drawn on the canvas ('richText'), not as HTML, because their text (product,
    // type and root-cause names) comes from imported data.
    const tooltip = option.tooltip ? { ...option.tooltip, renderMode: 'richText' } : undefined;
    chart.current?.setOption(
      { textStyle: { fontFamily: FONT_FAMILY }, aria: { enabled: true }, ...option, tooltip },
      { notMerge: true },
    );
  }, [option]);

  return (
    <div
      ref={container}
      className={`chart${onClick ? ' chart-clickable' : ''}`}
      style={{ height }}
      role="img"
      aria-label={label}
    />
  );
}
