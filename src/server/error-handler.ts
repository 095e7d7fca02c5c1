import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_ERRORS, ApiError, type ErrorBody } from './errors.js';

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

// The text fields' pattern (see `text` in schemas/common.ts) rejects text of white space only.
const BLANK_TEXT = 'must contain more than spaces and line breaks';

function isBlankText(issue: { keyword: string; params: Record<string, unknown> }): boolean {
  return issue.keyword === 'pattern' && issue.params.pattern === '\\S';
}

/** Converts any error a route, hook or plugin raised into a catalogued API error. */
export function toApiError(error: FastifyError | ApiError): ApiError {
  if (error instanceof ApiError) return error;

  if (error.validation) {
    const details = error.validation.map((issue) => ({
      path: `${error.validationContext ?? ''}${issue.instancePath}`,
      message: isBlankText(issue) ? BLANK_TEXT : issue.message,
    }));
    const message = error.validation.some(isBlankText)
      ? details.map((detail) => `${detail.path} ${detail.message}`).join(', ')
      : error.message;
    return new ApiError('invalid-request', sentence(`Invalid request: ${message}`), details);
  }

  if (isDatabaseUnavailable(error)) {
    return new ApiError(
      'database-unavailable',
      'The database cannot be reached right now; retry in a few seconds.',
    );
  }

  const status = error.statusCode ?? 500;
  if (status === 413) return new ApiError('payload-too-large', sentence(error.message));
  if (status === 415 || status === 406)
    return new ApiError('unsupported-media-type', sentence(error.message));
  if (status === 429)
    return new ApiError('rate-limited', sentence(`Too many requests: ${error.message}`));
  if (status === 404) return new ApiError('not-found', sentence(error.message));
  if (status >= 400 && status < 500)
    return new ApiError('invalid-request', sentence(error.message));
  return new ApiError(
    'internal-error',
    'The server failed to handle the request; the log has the cause under its request id.',
  );
}

// PostgreSQL SQLSTATE classes and codes of a server that is restarting or gone: connection
// exceptions (08), admin shutdown, crash shutdown and "cannot connect now" (57P01 to 57P03).
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03']);
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** True for an error of a database that is down or restarting, which a retry may get past. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || UNAVAILABLE_CODES.has(code) || UNAVAILABLE_NETWORK.has(code)) {
      return true;
    }
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect/.test(message);
}

function send(reply: FastifyReply, error: ApiError): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  if (error.code === 'database-unavailable') void reply.header('retry-after', '2');
  void reply.status(API_ERRORS[error.code].status).send(body);
}

/**
 * Makes every error response `{ "error": { "code", "message", "details"? } }`. Server faults
 * are logged with their stack; client errors are logged by code only, without the request data.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error);
    if (apiError.code === 'internal-error') request.log.error({ err: error }, 'request failed');
    else if (apiError.code === 'database-unavailable') {
      request.log.warn({ err: error }, 'database unavailable');
    } else request.log.info({ code: apiError.code }, 'request rejected');
    send(reply, apiError);
  });
}
