import { Link, useSearchParams } from 'react-router';
import { listCases } from '../api/cases';
import { ErrorNotice } from '../components/ErrorNotice';
import { Pagination } from '../components/Pagination';
import { CaseTable } from '../console/CaseTable';
import { useI18n } from '../i18n';
import { PAGE_SIZE } from '../lib/caseQuery';
import { useApi } from '../lib/useApi';

/** Renders the customer's own cases, most recent activity first, and a link to submit one. */
export function PortalHome() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const cases = useApi((signal) => listCases({ page, sort: 'updated' }, signal), `mine-${page}`);

  return (
    <section className="portal narrow">
      <header className="page-header">
        <div>
          <h1>{t('portal.myCases')}</h1>
          <p>{t('portal.myCasesHint')}</p>
        </div>
        <Link to="/portal/new" className="button button-primary">
          {t('portal.newIssue')}
        </Link>
      </header>
      <div className="card inbox-list">
        {cases.error ? (
          <div className="card-body">
            <ErrorNotice error={cases.error} onRetry={cases.reload} />
          </div>
        ) : cases.data?.total === 0 ? (
          <div className="empty">
            <p>{t('portal.noCases')}</p>
            <Link to="/portal/new" className="button button-primary">
              {t('portal.newIssue')}
            </Link>
          </div>
        ) : (
          <CaseTable
            cases={cases.data?.items}
            loading={cases.loading}
            forCustomer
            linkOf={(item) => `/portal/cases/${item.id}`}
          />
        )}
        {cases.data && cases.data.total > PAGE_SIZE && (
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={cases.data.total}
            onPage={(next) => setParams({ page: String(next) })}
          />
        )}
      </div>
    </section>
  );
}
