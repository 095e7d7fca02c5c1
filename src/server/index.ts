/** The helpdesk HTTP API: app construction, listening, the error catalogue and first-start admin. */
export { buildApp, DEFAULT_RATE_LIMITS, type AppOptions } from './app.js';
export { listen, type ListenOptions } from './listen.js';
export { API_ERRORS, ApiError, type ApiErrorCode, type ErrorBody } from './errors.js';
export { ensureAdmin, DEFAULT_ADMIN_EMAIL, type InitialAdmin } from './auth/bootstrap.js';
export type { RateLimits } from './context.js';
export type { LogSettings } from './logging.js';
