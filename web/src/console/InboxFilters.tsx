import { useEffect, useState, type FormEvent } from 'react';
import type { Category } from '../api/types';
import { KNOWN_STATUSES, useStatusLabel } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { AGE_CHOICES, CASE_SORTS, hasFilters, type CaseQuery } from '../lib/caseQuery';
import { uniqueProducts, typesOf } from '../lib/categories';
import { ActiveFilterChips } from './ActiveFilterChips';

/** Props of {@link InboxFilters}. */
export interface InboxFiltersProps {
  query: CaseQuery;
  categories: Category[];
  onChange(changes: Partial<CaseQuery>): void;
}

/** Search box, filter selects and sort order of the inbox. */
export function InboxFilters({ query, categories, onChange }: InboxFiltersProps) {
  const { t } = useI18n();
  const statusLabel = useStatusLabel();
  // A dashboard drill-down may filter by several statuses at once, such as every open one.
  const statuses: Array<[string, string]> = KNOWN_STATUSES.map((status) => [
    status,
    statusLabel(status),
  ]);
  if (query.status && !(KNOWN_STATUSES as readonly string[]).includes(query.status)) {
    // Shown as 待回复、待人工处理.
    const label = query.status.split(',').map(statusLabel).join(t('list.separator'));
    statuses.push([query.status, label]);
  }
  const [search, setSearch] = useState(query.q ?? '');
  // On phones the selects fold away behind a toggle; wider screens always show them.
  const [open, setOpen] = useState(false);

  // The URL is the source of truth: follow it when the user navigates back or drills down.
  useEffect(() => setSearch(query.q ?? ''), [query.q]);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    const q = search.trim();
    onChange({ q: q || undefined, sort: q ? 'relevance' : query.sort });
  };

  const products = uniqueProducts(categories, query.product);
  const types = typesOf(categories, query.product, query.type);

  return (
    <div className="filters card">
      <form className="filters-search" role="search" onSubmit={submitSearch}>
        <input
          type="search"
          name="q"
          value={search}
          placeholder={t('inbox.searchPlaceholder')}
          aria-label={t('inbox.search')}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="submit" className="button button-primary">
          {t('inbox.search')}
        </button>
        <button
          type="button"
          className="button filters-toggle"
          aria-expanded={open}
          aria-controls="inbox-filters"
          onClick={() => setOpen(!open)}
        >
          {t('filter.toggle')}
          {activeCount(query) > 0 && <span className="filters-count">{activeCount(query)}</span>}
        </button>
      </form>

      <div id="inbox-filters" className={`filters-row${open ? ' is-open' : ''}`}>
        <FilterSelect
          label={t('filter.status')}
          value={query.status}
          onChange={(status) => onChange({ status })}
          options={statuses}
        />
        <FilterSelect
          label={t('filter.product')}
          value={query.product}
          onChange={(product) => onChange({ product, type: undefined })}
          options={products.map((product) => [product, product])}
        />
        <FilterSelect
          label={t('filter.type')}
          value={query.type}
          onChange={(type) => onChange({ type })}
          options={types.map((type) => [type, type])}
        />
        <FilterSelect
          label={t('filter.needsHuman')}
          value={query.needsHuman}
          onChange={(needsHuman) => onChange({ needsHuman })}
          options={[
            ['true', t('filter.needsHuman.yes')],
            ['false', t('filter.needsHuman.no')],
          ]}
        />
        <FilterSelect
          label={t('inbox.responded')}
          value={query.responded}
          onChange={(value) => onChange({ responded: value })}
          options={[
            ['true', t('inbox.responded.yes')],
            ['false', t('inbox.responded.no')],
          ]}
        />
        <FilterSelect
          label={t('filter.age')}
          value={query.olderThanHours}
          onChange={(olderThanHours) => onChange({ olderThanHours })}
          options={AGE_CHOICES.map((hours) => [String(hours), t(`filter.age.${hours}`)])}
        />
        <FilterSelect
          label={t('filter.sort')}
          value={query.sort}
          allLabel={t('sort.default')}
          onChange={(sort) => onChange({ sort: sort as CaseQuery['sort'] })}
          options={CASE_SORTS.map((sort) => [sort, t(`sort.${sort}`)])}
        />
        {hasFilters(query) && (
          <button
            type="button"
            className="button button-ghost button-small filters-clear"
            onClick={() => onChange(CLEARED)}
          >
            {t('filter.clear')}
          </button>
        )}
      </div>
      <ActiveFilterChips query={query} onChange={onChange} />
    </div>
  );
}

// Filters with a select of their own, counted on the phone's filter toggle.
function activeCount(query: CaseQuery): number {
  const keys = ['status', 'product', 'type', 'needsHuman', 'responded', 'olderThanHours'] as const;
  return keys.filter((key) => Boolean(query[key])).length;
}

const CLEARED: Partial<CaseQuery> = {
  status: undefined,
  responded: undefined,
  product: undefined,
  type: undefined,
  needsHuman: undefined,
  rootCause: undefined,
  channel: undefined,
  olderThanHours: undefined,
  from: undefined,
  to: undefined,
  q: undefined,
  sort: undefined,
};

interface FilterSelectProps {
  label: string;
  value: string | undefined;
  options: Array<[value: string, label: string]>;
  allLabel?: string;
  onChange(value: string | undefined): void;
}

function FilterSelect({ label, value, options, allLabel, onChange }: FilterSelectProps) {
  const { t } = useI18n();
  return (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{allLabel ?? t('filter.all')}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}
