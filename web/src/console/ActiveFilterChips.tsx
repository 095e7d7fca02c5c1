import type { CaseSummary } from '../api/types';
import { useI18n } from '../i18n';
import type { CaseQuery } from '../lib/caseQuery';
import { formatDateTime } from '../lib/format';

type Channel = NonNullable<CaseSummary['channel']>;
const CHANNELS: readonly Channel[] = ['archive', 'portal', 'intake'];

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
  const { t, language } = useI18n();
  // A drill-down may name several channels (portal,intake) and a time inside a day.
  const channels = (list: string) =>
    list
      .split(',')
      .map((channel) =>
        CHANNELS.includes(channel as Channel) ? t(`channel.${channel as Channel}`) : channel,
      )
      .join(t('list.separator'));
  const date = (value: string) => (value.includes('T') ? formatDateTime(value, language) : value);
  const chips: Array<[keyof CaseQuery, string]> = [];
  if (query.rootCause === 'none') chips.push(['rootCause', t('filter.rootCauseNone')]);
  else if (query.rootCause) {
    chips.push(['rootCause', t('filter.rootCause', { code: query.rootCause })]);
  }
  if (query.channel) {
    chips.push(['channel', t('filter.channel', { channel: channels(query.channel) })]);
  }
  if (query.from) chips.push(['from', t('filter.from', { date: date(query.from) })]);
  if (query.to) chips.push(['to', t('filter.to', { date: date(query.to) })]);
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
