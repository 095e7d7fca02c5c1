import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../store/audit-log.js';
import { deleteUserSessions } from '../../store/sessions.js';
import {
  USER_ROLES,
  countActiveAdmins,
  createUser,
  findUser,
  listUsers,
  normalizeEmail,
  updateUser,
  type User,
  type UserRole,
} from '../../store/users.js';
import { principalOf, requireAdmin } from '../auth/guards.js';
import { hashPassword } from '../auth/passwords.js';
import { ApiError } from '../errors.js';
import { idParams, pageProperties, pageWindow, text, withErrors } from '../schemas/common.js';
import type { PageQuery } from '../schemas/common.js';
import { PASSWORD_LENGTH } from './auth.js';

interface NewUserBody {
  email: string;
  name: string;
  role: UserRole;
  password: string;
}

interface UserChangesBody {
  name?: string;
  role?: UserRole;
  disabled?: boolean;
  password?: string;
}

const role = { type: 'string', enum: [...USER_ROLES] } as const;
const password = {
  type: 'string',
  minLength: PASSWORD_LENGTH.min,
  maxLength: PASSWORD_LENGTH.max,
} as const;

/** Registers the admin's account management: list, create, change role, disable. */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.casebook;

  app.get<{ Querystring: PageQuery & { role?: UserRole } }>(
    '/users',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['users'],
        summary: 'List accounts',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { role, ...pageProperties },
        },
        response: withErrors({
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: 'User#' } },
              total: { type: 'integer' },
            },
          },
        }),
      },
    },
    async (request) => listUsers(store, { role: request.query.role, ...pageWindow(request.query) }),
  );

  app.post<{ Body: NewUserBody }>(
    '/users',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['users'],
        summary: 'Create an account of any role',
        body: {
          type: 'object',
          required: ['email', 'name', 'role', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: text(100),
            role,
            password,
          },
        },
        response: withErrors({ 201: { $ref: 'User#' } }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { body } = request;
      const passwordHash = await hashPassword(body.password);
      const user = await app.casebook.writes.run(async () => {
        const created = await createUser(store, {
          email: normalizeEmail(body.email),
          name: body.name.trim(),
          role: body.role,
          passwordHash,
        });
        if (created) {
          await recordAudit(store.sql, {
            actorId: principal.user.id,
            tokenId: principal.token?.id ?? null,
            action: 'user.create',
            targetType: 'user',
            targetId: created.id,
            details: { role: created.role },
          });
        }
        return created;
      });
      if (!user) throw new ApiError('email-taken', 'An account with this e-mail address exists.');
      return reply.status(201).send(user);
    },
  );

  registerUserUpdate(app);
}

function registerUserUpdate(app: FastifyInstance): void {
  const { store } = app.casebook;

  app.patch<{ Params: { id: number }; Body: UserChangesBody }>(
    '/users/:id',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['users'],
        summary: 'Change the name, role, password or disabled flag of an account',
        description: 'Disabling an account or setting its password ends all its sessions.',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name: text(100), role, disabled: { type: 'boolean' }, password },
        },
        response: withErrors({ 200: { $ref: 'User#' } }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params;
      const { password: newPassword, ...changes } = request.body;
      const passwordHash = newPassword ? await hashPassword(newPassword) : undefined;

      return app.casebook.writes.run(async () => {
        const user = await findUser(store, id);
        if (!user) throw new ApiError('user-not-found', `No account with id ${id}.`);
        await checkLastAdmin(app, user, changes);

        const updated = (await updateUser(store, id, { ...changes, passwordHash }))!;
        if (changes.disabled || passwordHash) await deleteUserSessions(store, id);
        await recordAudit(store.sql, {
          actorId: principal.user.id,
          tokenId: principal.token?.id ?? null,
          action: 'user.update',
          targetType: 'user',
          targetId: id,
          // The new name is personal data, so the entry records only that it changed.
          details: {
            role: changes.role,
            disabled: changes.disabled,
            nameChanged: changes.name !== undefined,
            passwordChanged: passwordHash !== undefined,
          },
        });
        return updated;
      });
    },
  );
}

async function checkLastAdmin(
  app: FastifyInstance,
  user: User,
  changes: { role?: UserRole; disabled?: boolean },
): Promise<void> {
  const demoted = changes.role !== undefined && changes.role !== 'admin';
  const losesAdmin = user.role === 'admin' && !user.disabled && (demoted || changes.disabled);
  if (losesAdmin && (await countActiveAdmins(app.casebook.store)) <= 1) {
    throw new ApiError(
      'last-admin',
      `Account ${user.id} is the last active admin; it cannot be demoted or disabled.`,
    );
  }
}
