import type { Bucket, DashboardQuery } from '../api/dashboard';
import { useI18n } from '../i18n';

const BUCKETS: Bucket[] = ['day', 'week', 'month'];

/**
 * Renders the date range and period length controls of the dashboard. `invalid` marks both
 * dates, for a start date after the end date.
 */
export function DashboardControls({
  query,
  invalid = false,
  onChange,
}: {
  query: DashboardQuery;
  invalid?: boolean;
  onChange(query: DashboardQuery): void;
}) {
  const { t } = useI18n();

  return (
    <div className="dashboard-controls">
      <label className="filter">
        <span className="filter-label">{t('dashboard.from')}</span>
        <input
          type="date"
          value={query.from ?? ''}
          max={query.to}
          aria-invalid={invalid}
          onChange={(event) => onChange({ ...query, from: event.target.value || undefined })}
        />
      </label>
      <label className="filter">
        <span className="filter-label">{t('dashboard.to')}</span>
        <input
          type="date"
          value={query.to ?? ''}
          min={query.from}
          aria-invalid={invalid}
          onChange={(event) => onChange({ ...query, to: event.target.value || undefined })}
        />
      </label>
      <label className="filter">
        <span className="filter-label">{t('dashboard.bucket')}</span>
        <select
          value={query.bucket}
          onChange={(event) => onChange({ ...query, bucket: event.target.value as Bucket })}
        >
          {BUCKETS.map((bucket) => (
            <option key={bucket} value={bucket}>
              {t(`dashboard.bucket.${bucket}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
