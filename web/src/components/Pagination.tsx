import { useI18n } from '../i18n';

/** Props of {@link Pagination}. */
export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}

/** Previous and next buttons with the position in the list. */
export function Pagination({ page, pageSize, total, onPage }: PaginationProps) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <span className="pagination-range">{t('pagination.range', { first, last, total })}</span>
      <div className="pagination-buttons">
        <button
          type="button"
          className="button button-small"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          {t('pagination.previous')}
        </button>
        <span className="pagination-page">{t('pagination.page', { page, pages })}</span>
        <button
          type="button"
          className="button button-small"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          {t('pagination.next')}
        </button>
      </div>
    </nav>
  );
}
