import { Link } from 'react-router';
import { useI18n, type MessageKey } from '../i18n';

/** The kinds of full-page error, each with its own title and explanation. */
export type ErrorKind = 'not-found' | 'forbidden' | 'unavailable' | 'case-not-found';

const TEXT: Record<ErrorKind, { title: MessageKey; body: MessageKey }> = {
  'not-found': { title: 'error.notFound.title', body: 'error.notFound.body' },
  'case-not-found': { title: 'error.caseNotFound.title', body: 'error.caseNotFound.body' },
  forbidden: { title: 'error.forbidden.title', body: 'error.forbidden.body' },
  unavailable: { title: 'error.unavailable.title', body: 'error.unavailable.body' },
};

/** Renders a page in place of content that does not exist or may not be seen. */
export function ErrorPage({ kind, detail }: { kind: ErrorKind; detail?: string }) {
  const { t } = useI18n();
  const text = TEXT[kind];

  return (
    <section className="error-page" role="alert" data-error={kind}>
      <h1>{t(text.title)}</h1>
      <p>{t(text.body)}</p>
      {detail && <p className="error-detail">{detail}</p>}
      <Link to="/" className="button">
        {t('error.home')}
      </Link>
    </section>
  );
}
