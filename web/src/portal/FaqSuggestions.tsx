import { suggestFaq } from '../api/faq';
import { useI18n } from '../i18n';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';

/** Delay after the last keystroke before the FAQ suggestions are requested, in milliseconds. */
const DEBOUNCE_MS = 300;

/** Shortest draft, in characters, worth looking up. */
const MIN_QUERY_LENGTH = 4;

/**
 * Maximum length of the draft sent, in characters. The draft travels in the query string, where
 * a Chinese character takes 9 bytes once percent-encoded. From about 1,800 of them the request
 * exceeds Node's default 16 KiB header limit and the server rejects it with 431. The title and
 * the start of the description are enough to find the matching answers.
 */
const MAX_QUERY_LENGTH = 300;

/** Approved FAQ answers that match what the customer is typing, before they submit. */
export function FaqSuggestions({ draft }: { draft: string }) {
  const { t } = useI18n();
  const query = useDebounced(draft.trim().slice(0, MAX_QUERY_LENGTH), DEBOUNCE_MS);
  const enabled = query.length >= MIN_QUERY_LENGTH;
  const state = useApi(
    (signal) => (enabled ? suggestFaq(query, signal) : Promise.resolve([])),
    enabled ? query : '',
  );
  const failed = enabled && state.error !== undefined && !state.loading;
  const suggestions = state.data ?? [];

  return (
    <aside className="faq-suggestions card" aria-live="polite" data-testid="faq-suggestions">
      <header className="card-header">
        <h2>{t('portal.suggestions')}</h2>
        {state.loading && enabled && <span className="spinner" aria-hidden="true" />}
      </header>
      <div className="card-body">
        {!enabled ? (
          <p className="muted">{t('portal.suggestionsIdle')}</p>
        ) : failed ? (
          <div className="notice notice-warning" role="status">
            <span>{t('portal.suggestionsFailed')}</span>
            <button type="button" className="button button-small" onClick={state.reload}>
              {t('common.retry')}
            </button>
          </div>
        ) : suggestions.length === 0 ? (
          <p className="muted">
            {state.loading ? t('common.loading') : t('portal.suggestionsNone')}
          </p>
        ) : (
          <ul className="suggestion-list">
            {suggestions.map((entry, index) => (
              <li key={entry.id}>
                <details open={index === 0}>
                  <summary>{entry.question}</summary>
                  <ol className="faq-steps">
                    {entry.steps.map((step, index) => (
                      <li key={index}>{step}</li>
                    ))}
                  </ol>
                </details>
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
