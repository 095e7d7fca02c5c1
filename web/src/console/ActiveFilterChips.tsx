import { useI18n } from '../i18n';
import type { CaseQuery } from '../lib/caseQuery';

/**
 * Renders the filters that have no select of their own (set by dashboard drill-downs) as chips.
 * A click on a chip removes its filter.
 */
export function ActiveFilterChips({
  query,
  onChange,
}: {
  query: CaseQuery;
  onChange(changes: Partial<CaseQuery>): void;
}) {
  const { t } = useI18n();
  const chips: Array<[keyof CaseQuery, string]> = [];
  if (query.rootCause === 'none') chips.push(['rootCause', t('filter.rootCauseNone')]);
  else if (query.rootCause) {
    chips.push(['rootCause', t('filter.rootCause', { code: query.rootCause })]);
  }
  if (query.channel) chips.push(['channel', t('filter.channel', { channel: query.channel })]);
  if (query.from) chips.push(['from', t('filter.from', { date: query.from })]);
  if (query.to) chips.push(['to', t('filter.to', { date: query.to })]);
  if (chips.length === 0) return null;

  return (
    <div className="filters-chips">
      {chips.map(([key, label]) => (
        <button
          key={key}
          type="button"
          className="chip"
          onClick={() => onChange({ [key]: undefined })}
          title={t('filter.remove')}
        >
          {label} <span aria-hidden="true">×</span>
        </button>
      ))}
    </div>
  );
}
