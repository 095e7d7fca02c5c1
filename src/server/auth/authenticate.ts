import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { useApiToken } from '../../store/api-tokens.js';
import { findSession } from '../../store/sessions.js';
import { findUser } from '../../store/users.js';
import { ApiError } from '../errors.js';
import type { Principal } from './principal.js';
import { hashSecret, safeEqual } from './secrets.js';

/** Name of the cookie that carries the session id. */
export const SESSION_COOKIE = 'casebook_session';

/** Header that must echo the session's CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer (cbk_[A-Za-z0-9_-]{43})$/;

/**
 * Finds who sent a request, from an `Authorization: Bearer cbk_…` header or else the session
 * cookie, and checks the CSRF token of cookie-authenticated state-changing requests. A request
 * without credentials, or with an expired session, stays anonymous (`principal` null); the
 * route's guard decides whether that is allowed.
 */
export async function authenticate(request: FastifyRequest): Promise<void> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    request.principal = await tokenPrincipal(request, authorization);
    return;
  }

  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return;
  const principal = await sessionPrincipal(request, sessionId);
  if (!principal) return;

  if (!SAFE_METHODS.has(request.method) && request.routeOptions.config.csrf !== false) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, principal.csrfToken!)) {
      throw new ApiError(
        'csrf-token-invalid',
        `Missing or wrong ${CSRF_HEADER} header: send the csrfToken that GET /api/v1/auth/me returns.`,
      );
    }
  }
  request.principal = principal;
}

async function tokenPrincipal(request: FastifyRequest, header: string): Promise<Principal> {
  const match = BEARER.exec(header);
  if (!match) {
    throw new ApiError(
      'invalid-token',
      'Invalid Authorization header: expected "Bearer cbk_" followed by 43 characters.',
    );
  }

  const store = request.server.casebook.store;
  const token = await useApiToken(store, hashSecret(match[1]!));
  if (!token) throw new ApiError('invalid-token', 'The API token is unknown or revoked.');
  const user = await findUser(store, token.userId);
  if (!user || user.disabled) {
    throw new ApiError('account-disabled', 'The account that owns this API token is disabled.');
  }
  return { user, via: 'token', token: { id: token.id, scope: token.scope } };
}

async function sessionPrincipal(
  request: FastifyRequest,
  sessionId: string,
): Promise<Principal | null> {
  const store = request.server.casebook.store;
  const idHash = hashSecret(sessionId);
  const session = await findSession(store, idHash, new Date().toISOString());
  if (!session) return null;

  const user = await findUser(store, session.userId);
  if (!user || user.disabled) return null;
  return { user, via: 'session', sessionIdHash: idHash, csrfToken: session.csrfToken };
}
