import { ApiRequestError } from '../api/client';
import { useI18n, type I18n, type MessageKey } from '../i18n';

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

// Request fields that the web app's forms send, with their names as the forms label them.
const FIELD_NAMES = new Map<string, MessageKey>([
  ['title', 'field.title'],
  ['description', 'field.description'],
  ['text', 'field.text'],
  ['question', 'field.question'],
  ['steps', 'field.steps'],
  ['email', 'field.email'],
  ['password', 'field.password'],
  ['name', 'field.name'],
  ['product', 'field.product'],
  ['type', 'field.type'],
  ['status', 'field.status'],
  ['q', 'field.q'],
]);

/** The field and the broken rule of a request that failed the server's schema validation. */
interface FieldIssue {
  field: MessageKey;
  rule: 'empty' | 'tooShort' | 'tooLong' | 'tooFewItems' | 'tooManyItems' | 'invalid';
  limit?: number;
}

/**
 * Reads the field and rule of an `invalid-request` error from its first validation detail, or
 * from the message when there are no details. The server gives them as `body/title` with
 * Ajv's "must NOT have fewer than 1 characters", or `body` with "must have required property
 * 'title'".
 */
function fieldIssue(error: ApiRequestError): FieldIssue | null {
  const detail = Array.isArray(error.details)
    ? (error.details[0] as { path?: unknown; message?: unknown } | undefined)
    : undefined;
  const parsed = /\b((?:body|querystring|params)(?:\/[\w-]+)*) (must .*)$/.exec(error.message);
  const path = typeof detail?.path === 'string' ? detail.path : (parsed?.[1] ?? '');
  const message = typeof detail?.message === 'string' ? detail.message : (parsed?.[2] ?? '');

  const required = /required property '([\w-]+)'/.exec(message);
  const field = FIELD_NAMES.get(required?.[1] ?? path.split('/')[1] ?? '');
  if (!field) return null;
  if (required) return { field, rule: 'empty' };

  const bound = /must NOT have (fewer|more) than (\d+) (characters|items)/.exec(message);
  if (!bound) return { field, rule: 'invalid' };
  const limit = Number(bound[2]);
  const items = bound[3] === 'items';
  if (bound[1] === 'more') return { field, rule: items ? 'tooManyItems' : 'tooLong', limit };
  if (limit <= 1) return { field, rule: 'empty' };
  return { field, rule: items ? 'tooFewItems' : 'tooShort', limit };
}

/** Returns the message of an `invalid-request` error, naming the field when the server does. */
function invalidRequestMessage(error: ApiRequestError, t: I18n['t']): string {
  const issue = fieldIssue(error);
  if (issue) {
    const values = { field: t(issue.field), limit: issue.limit ?? '' };
    return t(`apiError.invalid-request.${issue.rule}`, values);
  }
  // A rejection that names no form field (a file name, for example) keeps the server's reason.
  const reason = error.message.replace(/^Invalid request: /, '');
  return t('apiError.invalid-request', { reason });
}

/** Returns a message for an error in the user's language where the dictionaries have one. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiRequestError && error.code === 'invalid-request') {
      return invalidRequestMessage(error, t);
    }
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
