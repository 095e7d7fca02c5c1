import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { deleteUserSessions } from '../../store/sessions.js';
import {
  createUser,
  findLogin,
  normalizeEmail,
  readPasswordHash,
  recordLogin,
  updateUser,
  type User,
} from '../../store/users.js';
import { principalOf, requireUser } from '../auth/guards.js';
import {
  hashPassword,
  needsRehash,
  spendVerificationTime,
  verifyPassword,
} from '../auth/passwords.js';
import { endSession, startSession } from '../auth/session-cookie.js';
import { ApiError } from '../errors.js';
import { noContent, text, withErrors } from '../schemas/common.js';

interface Credentials {
  email: string;
  password: string;
}

/** Password length limits; the maximum keeps scrypt's input, and its cost, bounded. */
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const;

const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const password = {
  type: 'string',
  minLength: PASSWORD_LENGTH.min,
  maxLength: PASSWORD_LENGTH.max,
} as const;
const sessionResponse = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: { user: { $ref: 'User#' }, csrfToken: { type: ['string', 'null'] } },
} as const;

// The session of a request that may be anonymous: `user` is null without valid credentials.
const optionalSessionResponse = {
  type: 'object',
  required: ['user', 'csrfToken'],
  properties: {
    user: { anyOf: [{ $ref: 'User#' }, { type: 'null' }] },
    csrfToken: { type: ['string', 'null'] },
  },
} as const;

function windowOf(limit: { max: number; windowMs: number }) {
  return { max: limit.max, timeWindow: limit.windowMs };
}

/** Registers signup, login, logout, the current user and password change. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { store, settings } = app.casebook;

  app.post<{ Body: Credentials & { name: string } }>(
    '/auth/signup',
    {
      config: { csrf: false, rateLimit: windowOf(settings.rateLimits.signup) },
      schema: {
        tags: ['auth'],
        summary: 'Create a customer account and log in',
        security: [],
        body: {
          type: 'object',
          required: ['email', 'password', 'name'],
          additionalProperties: false,
          properties: { email, password, name: text(100) },
        },
        response: withErrors({ 201: sessionResponse }),
      },
    },
    async (request, reply) => {
      const { body } = request;
      const user = await app.casebook.writes.run(async () =>
        createUser(store, {
          email: normalizeEmail(body.email),
          name: body.name.trim(),
          role: 'customer',
          passwordHash: await hashPassword(body.password),
        }),
      );
      if (!user) throw new ApiError('email-taken', 'An account with this e-mail address exists.');

      request.log.info({ userId: user.id }, 'account created');
      const csrfToken = await startSession(request, reply, user);
      return reply.status(201).send({ user, csrfToken });
    },
  );

  app.post<{ Body: Credentials }>(
    '/auth/login',
    {
      config: { csrf: false, rateLimit: windowOf(settings.rateLimits.login) },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail address and password',
        description: 'Sets the session cookie and returns the CSRF token of the session.',
        security: [],
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email: { type: 'string', maxLength: 254 }, password: text(1000) },
        },
        response: withErrors({ 200: sessionResponse }),
      },
    },
    async (request, reply) => {
      const user = await checkCredentials(app, request.body);
      request.log.info({ userId: user.id }, 'login succeeded');
      const csrfToken = await startSession(request, reply, user);
      return { user, csrfToken };
    },
  );

  registerSessionRoutes(app);
  registerPasswordChange(app);
}

/**
 * Checks a login. An unknown e-mail address costs as much time as a wrong password and gets the
 * same error, so responses do not tell which accounts exist.
 */
async function checkCredentials(app: FastifyInstance, body: Credentials): Promise<User> {
  const { store } = app.casebook;
  const login = await findLogin(store, normalizeEmail(body.email));
  if (!login) {
    await spendVerificationTime(body.password);
    throw new ApiError('invalid-credentials', 'Wrong e-mail address or password.');
  }
  if (!(await verifyPassword(body.password, login.passwordHash))) {
    app.log.info({ userId: login.user.id }, 'login failed');
    throw new ApiError('invalid-credentials', 'Wrong e-mail address or password.');
  }
  if (login.user.disabled) {
    throw new ApiError('account-disabled', 'This account is disabled; ask an admin to enable it.');
  }

  const passwordHash = needsRehash(login.passwordHash)
    ? await hashPassword(body.password)
    : undefined;
  await app.casebook.writes.run(async () => {
    if (passwordHash) await updateUser(store, login.user.id, { passwordHash });
    await recordLogin(store, login.user.id);
  });
  return login.user;
}

function registerSessionRoutes(app: FastifyInstance): void {
  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: withErrors({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await endSession(request, reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      onRequest: requireUser,
      schema: {
        tags: ['auth'],
        summary: 'The current user and the CSRF token of the session',
        description: 'csrfToken is null for requests authenticated with an API token.',
        response: withErrors({ 200: sessionResponse }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return { user: principal.user, csrfToken: principal.csrfToken ?? null };
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The current user and CSRF token, or nulls when not logged in',
        description:
          'For pages that ask whether someone is logged in: answers 200 either way, where ' +
          'GET /auth/me answers 401. A wrong or revoked API token still gets 401 invalid-token.',
        response: withErrors({ 200: optionalSessionResponse }),
      },
    },
    async (request) => ({
      user: request.principal?.user ?? null,
      csrfToken: request.principal?.csrfToken ?? null,
    }),
  );
}

function registerPasswordChange(app: FastifyInstance): void {
  const { store } = app.casebook;

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/auth/password',
    {
      onRequest: requireUser,
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        description: 'Ends every session of the account and starts a new one for this client.',
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: text(1000), newPassword: password },
        },
        response: withErrors({ 200: sessionResponse }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.via !== 'session') {
        throw new ApiError(
          'forbidden',
          'Change a password while logged in, not with an API token.',
        );
      }
      const stored = await readPasswordHash(store, principal.user.id);
      if (!stored || !(await verifyPassword(request.body.currentPassword, stored))) {
        throw new ApiError('invalid-credentials', 'The current password is wrong.');
      }

      const passwordHash = await hashPassword(request.body.newPassword);
      await app.casebook.writes.run(async () => {
        await updateUser(store, principal.user.id, { passwordHash });
        await deleteUserSessions(store, principal.user.id);
      });
      request.log.info({ userId: principal.user.id }, 'password changed');
      const csrfToken = await startSession(request, reply, principal.user);
      return { user: principal.user, csrfToken };
    },
  );
}
