import type { ImportSummary } from '../api/archive';
import { useI18n } from '../i18n';

/** Counts, rejected files, warnings and errors (file and line) of one import. */
export function ImportReport({ summary, rejected }: { summary: ImportSummary; rejected: boolean }) {
  const { t } = useI18n();
  const counts = [
    ['imported', summary.imported],
    ['updated', summary.updated],
    ['unchanged', summary.unchanged],
    ['rejected', summary.rejected],
    ['rejectedFileCount', summary.rejectedFileCount ?? summary.rejectedFiles.length],
  ] as const;
  const redactions = Object.entries(summary.redactions ?? {}).filter(([, count]) => count > 0);

  return (
    <section className="card import-report" data-testid="import-report">
      <header className="card-header">
        <h2>{t('import.report')}</h2>
        <span className={`badge ${rejected ? 'badge-human' : 'badge-status-resolved'}`}>
          {rejected ? t('import.rejectedBadge') : t('import.doneBadge')}
        </span>
      </header>
      <div className="card-body import-report-body">
        <dl className="report-counts">
          {counts.map(([key, value]) => (
            <div key={key}>
              <dt>{t(`import.count.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {summary.rejectedFiles.length > 0 && (
          <p className="notice notice-error">
            {t('import.rejectedFiles', { files: summary.rejectedFiles.join('、') })}
          </p>
        )}
        {summary.skipped.map((skip) => (
          <p key={skip.file} className="notice notice-warning">
            {t('import.skipped', { file: skip.file, refs: skip.refs.join('、') })}
          </p>
        ))}
        {(summary.warnings ?? []).map((warning, index) => (
          <p key={index} className="notice notice-warning" data-testid="import-warning">
            {t('import.warning', { message: warning.message })}
          </p>
        ))}
        {summary.errors.length > 0 && (
          <div className="table-scroll">
            <table className="report-errors">
              <thead>
                <tr>
                  <th>{t('import.file')}</th>
                  <th>{t('import.line')}</th>
                  <th>{t('import.code')}</th>
                  <th>{t('import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.errors.map((error, index) => (
                  <tr key={index}>
                    <td className="mono">{error.file}</td>
                    <td className="mono">{error.line || '—'}</td>
                    <td className="mono">{error.code}</td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {redactions.length > 0 && (
          <p className="muted small">
            {t('import.redactions', {
              list: redactions.map(([type, count]) => `${type} ${count}`).join('，'),
            })}
          </p>
        )}
      </div>
    </section>
  );
}
