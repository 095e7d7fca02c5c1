import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, deleteSession } from '../../store/sessions.js';
import type { User } from '../../store/users.js';
import { SESSION_COOKIE } from './authenticate.js';
import { hashSecret, randomSecret } from './secrets.js';

// The cookie is sent only to the API, never with requests for the web app's files.
const COOKIE_PATH = '/api';

function isSecure(request: FastifyRequest): boolean {
  const setting = request.server.casebook.settings.cookieSecure;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

/**
 * Starts a session for `user`: stores it, sets the httpOnly, SameSite=Lax session cookie and
 * returns the session's CSRF token. A session cookie the request already had is ended first,
 * so a login never keeps a session id chosen before it.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
): Promise<string> {
  const { store, settings } = request.server.casebook;
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await deleteSession(store, hashSecret(previous));

  const sessionId = randomSecret();
  const csrfToken = randomSecret();
  const ttlMs = settings.sessionTtlHours * 3_600_000;
  await createSession(store, {
    idHash: hashSecret(sessionId),
    userId: user.id,
    csrfToken,
    expiresAt: new Date(Date.now() + ttlMs).toISOString(),
  });

  reply.setCookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(request),
    path: COOKIE_PATH,
    maxAge: Math.floor(ttlMs / 1000),
  });
  return csrfToken;
}

/** Deletes the request's session, if it has one, and clears the cookie. */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const sessionId = request.cookies[SESSION_COOKIE];
  if (!sessionId) return;

  await deleteSession(request.server.casebook.store, hashSecret(sessionId));
  reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH });
}
