/**
 * Every error code the HTTP API returns, with its status and what a client should do about it.
 * docs/api.md lists the same table; a test keeps the two in step.
 */
export const API_ERRORS = {
  'invalid-request': {
    status: 400,
    fix: 'Correct the field named in the message; the OpenAPI document at /api/v1/openapi.json gives every schema.',
  },
  'invalid-category': {
    status: 400,
    fix: 'Pick a product and type from GET /api/v1/categories.',
  },
  'category-required': {
    status: 400,
    fix: 'No case is stored yet to predict a category from, so send product and type.',
  },
  'export-source-required': {
    status: 400,
    fix: 'Several sources share record numbers; pass source=NAME to export one of them.',
  },
  'authentication-required': {
    status: 401,
    fix: 'Log in with POST /api/v1/auth/login, or send Authorization: Bearer cbk_… .',
  },
  'invalid-credentials': {
    status: 401,
    fix: 'Check the e-mail address and password.',
  },
  'invalid-token': {
    status: 401,
    fix: 'The API token is unknown or revoked; ask an admin for a new one.',
  },
  'account-disabled': {
    status: 403,
    fix: 'An admin disabled this account; ask an admin to enable it.',
  },
  'csrf-token-invalid': {
    status: 403,
    fix: 'Send the csrfToken from GET /api/v1/auth/me in the x-csrf-token header.',
  },
  forbidden: {
    status: 403,
    fix: 'Your role may not do this; ask an admin.',
  },
  'token-required': {
    status: 403,
    fix: 'This endpoint is for integrations: authenticate with an API token.',
  },
  'not-found': {
    status: 404,
    fix: 'Check the method and path against the OpenAPI document.',
  },
  'case-not-found': {
    status: 404,
    fix: 'Check the case id. Customers get this for cases of other customers as well.',
  },
  'user-not-found': { status: 404, fix: 'Check the user id with GET /api/v1/users.' },
  'faq-not-found': { status: 404, fix: 'Check the entry id with GET /api/v1/faq.' },
  'token-not-found': { status: 404, fix: 'Check the token id with GET /api/v1/tokens.' },
  'job-not-found': {
    status: 404,
    fix: 'Check the job id from the 202 reply; finished jobs are kept for 7 days (1,000 on SQLite).',
  },
  'value-not-found': {
    status: 404,
    fix: 'Only contact values (phone, e-mail, name, WeChat, QQ) stored while the vault was on are sealed; check the placeholder.',
  },
  'email-taken': {
    status: 409,
    fix: 'An account with this e-mail address exists; log in instead.',
  },
  'case-closed': {
    status: 409,
    fix: 'The case is closed; an agent can reopen it with PATCH /api/v1/cases/{id}.',
  },
  'last-admin': {
    status: 409,
    fix: 'Make another account admin first; the last active admin cannot be demoted or disabled.',
  },
  'vault-disabled': {
    status: 409,
    fix: 'Start the server with CASEBOOK_VAULT_KEY set to the key the values were sealed with.',
  },
  'idempotency-key-reused': {
    status: 409,
    fix: 'The Idempotency-Key was used for a different request; send a new key.',
  },
  'payload-too-large': {
    status: 413,
    fix: 'Send a smaller body; import large archives with the casebook import command.',
  },
  'unsupported-media-type': {
    status: 415,
    fix: 'Send application/json, or for POST /import multipart/form-data, text/plain or text/markdown.',
  },
  'import-rejected': {
    status: 422,
    fix: 'Fix the errors listed in details (file and line), or send skipInvalid=true.',
  },
  'export-failed': {
    status: 422,
    fix: 'A stored case cannot be written in the records format; export jsonl instead.',
  },
  'rate-limited': {
    status: 429,
    fix: 'Wait for the number of seconds in the retry-after header.',
  },
  'job-failed': {
    status: 500,
    fix: 'Read the job error in the message; fix its cause (for an import, the files) and send the request again.',
  },
  'database-unavailable': {
    status: 503,
    fix: 'The database cannot be reached right now (a restart, say); retry after the seconds in the retry-after header.',
  },
  'internal-error': {
    status: 500,
    fix: 'Report the request id (x-request-id header) to the operator; the server log has the cause.',
  },
} as const satisfies Record<string, { status: number; fix: string }>;

/** A stable error code of the HTTP API. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** An error the API returns as `{ "error": { "code", "message", "details"? } }`. */
export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = API_ERRORS[code].status;
  }
}

/** The JSON body of an error response. */
export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}
