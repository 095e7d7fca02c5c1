import { Link, useLocation } from 'react-router';
import type { CaseSummary } from '../api/types';
import { Loading } from '../components/Loading';
import { StatusBadge } from '../components/StatusBadge';
import { useI18n } from '../i18n';
import { ageSeconds, formatDateTime, formatDuration } from '../lib/format';

/** Props of {@link CaseTable}. */
export interface CaseTableProps {
  cases: CaseSummary[] | undefined;
  loading: boolean;
  /** Link of a case; the agent console's case view by default. */
  linkOf?: (item: CaseSummary) => string;
  /** Hides agent-only columns (needs-human) for the customer portal. */
  forCustomer?: boolean;
}

/** Router state of a case page opened from a list: the list's path and search. */
interface ListState {
  listUrl: string;
}

/**
 * Returns the list at `path` that a case page was opened from, with its filters and page, or
 * plain `path` for a case opened from a bookmark or another page.
 */
export function listUrlOf(state: unknown, path: string): string {
  const listUrl = (state as Partial<ListState> | null)?.listUrl;
  if (typeof listUrl !== 'string') return path;
  return listUrl === path || listUrl.startsWith(`${path}?`) ? listUrl : path;
}

/** Renders cases one row each; on narrow screens the rows become cards. */
export function CaseTable({ cases, loading, linkOf, forCustomer }: CaseTableProps) {
  const { t, language } = useI18n();
  // The case page links back to this list with its filters and page ({@link listUrlOf}).
  const location = useLocation();
  const listState: ListState = { listUrl: `${location.pathname}${location.search}` };
  if (!cases) return loading ? <Loading /> : null;
  if (cases.length === 0) return <p className="empty">{t('inbox.empty')}</p>;

  const href = linkOf ?? ((item: CaseSummary) => `/console/cases/${item.id}`);
  return (
    <div className={`case-table${loading ? ' is-stale' : ''}`} role="table">
      <div className="case-row case-row-head" role="row">
        <span role="columnheader">{t('case.ref')}</span>
        <span role="columnheader">{t('case.title')}</span>
        <span role="columnheader">{t('case.status')}</span>
        <span role="columnheader">{t('case.opened')}</span>
        <span role="columnheader">{t('case.lastActivity')}</span>
      </div>
      {cases.map((item) => {
        const opened = item.openedAt ?? item.createdAt;
        return (
          <Link
            key={item.id}
            to={href(item)}
            state={listState}
            className="case-row"
            role="row"
            data-case-id={item.id}
          >
            <span className="case-ref" role="cell">
              {item.ref}
            </span>
            <span className="case-main" role="cell">
              <span className="case-title">{item.title || t('case.untitled')}</span>
              <span className="case-meta">
                <span className="category-tag">
                  {item.product}｜{item.type}
                </span>
                {!forCustomer && item.needsHuman && (
                  <span className="badge badge-human">{t('case.needsHuman')}</span>
                )}
              </span>
            </span>
            <span role="cell">
              <StatusBadge status={item.status} />
            </span>
            <span className="case-time" role="cell" title={formatDateTime(opened, language)}>
              {t('case.ago', { age: formatDuration(ageSeconds(opened), language) })}
            </span>
            <span className="case-time" role="cell">
              {formatDateTime(item.lastMessageAt ?? opened, language)}
            </span>
          </Link>
        );
      })}
    </div>
  );
}
