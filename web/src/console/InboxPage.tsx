import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { casesCsvUrl, listCases, listCategories } from '../api/cases';
import { ErrorNotice } from '../components/ErrorNotice';
import { Pagination } from '../components/Pagination';
import { useI18n } from '../i18n';
import { caseQueryParams, PAGE_SIZE, parseCaseQuery, type CaseQuery } from '../lib/caseQuery';
import { useApi } from '../lib/useApi';
import { CaseTable } from './CaseTable';
import { InboxFilters } from './InboxFilters';

/** Renders the agent's inbox: filters, search and sort kept in the URL, a page of cases, CSV export. */
export function InboxPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = parseCaseQuery(params);
  const key = caseQueryParams(query).toString();

  const cases = useApi((signal) => listCases(query, signal), key);
  const categories = useApi(listCategories, 'categories');

  const change = useCallback(
    (changes: Partial<CaseQuery>) => {
      // Any change of filter, search or sort starts again at the first page.
      const next = { ...query, page: 1, ...changes };
      setParams(caseQueryParams(next));
    },
    [query, setParams],
  );

  return (
    <section className="inbox">
      <header className="page-header">
        <div>
          <h1>{t('inbox.title')}</h1>
          <p>{cases.data ? t('inbox.count', { total: cases.data.total }) : '\u00a0'}</p>
        </div>
        <div className="page-actions">
          <a className="button" href={casesCsvUrl(query)} download>
            {t('inbox.exportCsv')}
          </a>
        </div>
      </header>

      <InboxFilters query={query} categories={categories.data ?? []} onChange={change} />

      <div className="card inbox-list">
        {cases.error ? (
          <div className="card-body">
            <ErrorNotice error={cases.error} onRetry={cases.reload} />
          </div>
        ) : (
          <CaseTable cases={cases.data?.items} loading={cases.loading} />
        )}
        {cases.data && cases.data.total > 0 && (
          <Pagination
            page={query.page}
            pageSize={PAGE_SIZE}
            total={cases.data.total}
            onPage={(page) => setParams(caseQueryParams({ ...query, page }))}
          />
        )}
      </div>
    </section>
  );
}
