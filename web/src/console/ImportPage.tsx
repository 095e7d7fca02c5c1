import { useState, type DragEvent, type FormEvent } from 'react';
import { IMPORT_EXTENSIONS, uploadImport, type ImportSummary } from '../api/archive';
import { ApiRequestError } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n';
import { ImportReport } from './ImportReport';

type Phase = { kind: 'idle' } | { kind: 'uploading'; share: number } | { kind: 'processing' };

function isImportSummary(value: unknown): value is ImportSummary {
  return typeof value === 'object' && value !== null && 'errors' in value && 'imported' in value;
}

/** Admin upload of archive and transcript files, with progress and the import report. */
export function ImportPage() {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [report, setReport] = useState<{ summary: ImportSummary; rejected: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const addFiles = (list: FileList | null) => {
    // The input's FileList is live and the change handler empties it right after this call, so
    // the files are copied out before the state update runs.
    const added = Array.from(list ?? []);
    if (added.length === 0) return;

    // The server rejects an upload that names a file twice, so a file chosen again replaces the
    // earlier one of that name.
    const names = new Set(added.map((file) => file.name));
    setFiles((current) => [...current.filter((file) => !names.has(file.name)), ...added]);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    addFiles(event.dataTransfer.files);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setReport(null);
    setPhase({ kind: 'uploading', share: 0 });
    try {
      const summary = await uploadImport(files, {
        skipInvalid,
        // Once every byte is sent, the server parses, redacts and indexes before it responds.
        onProgress: (share) =>
          setPhase(share < 1 ? { kind: 'uploading', share } : { kind: 'processing' }),
      });
      setReport({ summary, rejected: false });
      setFiles([]);
    } catch (cause) {
      if (cause instanceof ApiRequestError && isImportSummary(cause.details)) {
        setReport({ summary: cause.details, rejected: true });
      } else setError(cause);
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const busy = phase.kind !== 'idle';
  return (
    <section className="import narrow">
      <header className="page-header">
        <div>
          <h1>{t('import.title')}</h1>
          <p>{t('import.subtitle')}</p>
        </div>
      </header>
      <form className="card card-body form" onSubmit={submit}>
        <label className="dropzone" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
          <input
            type="file"
            multiple
            accept={IMPORT_EXTENSIONS.join(',')}
            className="visually-hidden"
            onChange={(event) => {
              addFiles(event.target.files);
              event.target.value = '';
            }}
          />
          <strong>{t('import.choose')}</strong>
          <span className="muted small">
            {t('import.formats', { list: IMPORT_EXTENSIONS.join(' ') })}
          </span>
        </label>
        {files.length > 0 && (
          <ul className="file-list">
            {files.map((file, index) => (
              <li key={`${file.name}-${index}`}>
                <span className="file-name">{file.name}</span>
                <span className="muted small">{Math.ceil(file.size / 1024)} KB</span>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  disabled={busy}
                  onClick={() =>
                    setFiles((current) => current.filter((_, other) => other !== index))
                  }
                >
                  {t('import.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={skipInvalid}
            onChange={(event) => setSkipInvalid(event.target.checked)}
          />
          <span>{t('import.skipInvalid')}</span>
        </label>
        {busy && <ImportProgress phase={phase} />}
        {error !== null && <ErrorNotice error={error} />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || files.length === 0}
          >
            {busy ? t('import.running') : t('import.start', { count: files.length })}
          </button>
        </div>
      </form>
      {report && <ImportReport summary={report.summary} rejected={report.rejected} />}
    </section>
  );
}

function ImportProgress({ phase }: { phase: Phase }) {
  const { t } = useI18n();
  const share = phase.kind === 'uploading' ? phase.share : 1;
  return (
    <div className="import-progress" role="status">
      <div className={`meter${phase.kind === 'processing' ? ' meter-busy' : ''}`}>
        <span className="meter-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span className="muted small">
        {phase.kind === 'processing'
          ? t('import.processing')
          : t('import.uploading', { percent: Math.round(share * 100) })}
      </span>
    </div>
  );
}
