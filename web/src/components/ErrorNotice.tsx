import { ApiRequestError } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';

// API error codes with a message of their own in the dictionaries; others show the server's.
const KNOWN_CODES = new Set([
  'authentication-required',
  'invalid-credentials',
  'email-taken',
  'account-disabled',
  'rate-limited',
  'case-closed',
  'case-not-found',
  'network-error',
  'forbidden',
  'csrf-token-invalid',
  'import-rejected',
  'payload-too-large',
]);

/** Returns a message for an error in the user's language where the dictionaries have one. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiRequestError && KNOWN_CODES.has(error.code)) {
      return t(`apiError.${error.code}` as MessageKey);
    }
    if (error instanceof Error && error.message) return error.message;
    return t('error.unknown');
  };
}

/** Renders an inline error box for a failed request, with an optional retry button. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = useErrorMessage()(error);

  return (
    <div className="notice notice-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
