import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { downloadText, toCsv } from '../lib/csv';

/** The rows behind a chart, exported as CSV from the card's menu. */
export interface ChartExport<T> {
  fileName: string;
  rows: readonly T[];
  columns: Array<[string, (row: T) => unknown]>;
}

/** Props of {@link ChartCard}. */
export interface ChartCardProps<T> {
  title: string;
  hint?: string;
  /** Controls shown in the header beside the export button, such as a grouping switch. */
  tools?: ReactNode;
  csv?: ChartExport<T>;
  className?: string;
  children: ReactNode;
}

/** Renders a dashboard card: title, drill-down hint, CSV export button and the chart. */
export function ChartCard<T>({ title, hint, tools, csv, className, children }: ChartCardProps<T>) {
  const { t } = useI18n();

  return (
    <section className={`chart-card card${className ? ` ${className}` : ''}`}>
      <header className="card-header">
        <div className="chart-card-title">
          <h2>{title}</h2>
          {hint && <p className="muted small">{hint}</p>}
        </div>
        <div className="chart-card-tools">
          {tools}
          {csv && csv.rows.length > 0 && (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => downloadText(toCsv(csv.rows, csv.columns), csv.fileName)}
            >
              {t('dashboard.exportCsv')}
            </button>
          )}
        </div>
      </header>
      <div className="chart-card-body">{children}</div>
    </section>
  );
}
