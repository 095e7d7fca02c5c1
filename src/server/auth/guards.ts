import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { UserRole } from '../../store/users.js';
import { ApiError } from '../errors.js';
import type { Principal } from './principal.js';

/** Returns the request's principal, or raises `authentication-required`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new ApiError(
      'authentication-required',
      'This endpoint needs a logged-in user: log in with POST /api/v1/auth/login or send an API token.',
    );
  }
  return request.principal;
}

/**
 * Builds a route hook that admits only the given roles. Intake-scoped tokens are rejected here,
 * because they may only call `POST /intake`.
 */
export function requireRole(...roles: UserRole[]): onRequestAsyncHookHandler {
  return async (request) => {
    const principal = principalOf(request);
    if (principal.token?.scope === 'intake') {
      throw new ApiError('forbidden', 'An intake token may only call POST /api/v1/intake.');
    }
    if (!roles.includes(principal.user.role)) {
      throw new ApiError(
        'forbidden',
        `This endpoint is for ${roles.join(' or ')} accounts; this one is ${principal.user.role}.`,
      );
    }
  };
}

/** Admits any logged-in user. */
export const requireUser = requireRole('admin', 'agent', 'customer');

/** Admits agents and admins. */
export const requireStaff = requireRole('admin', 'agent');

/** Admits admins only. */
export const requireAdmin = requireRole('admin');

/**
 * Admits API tokens of agents and admins, of either scope. Sessions are rejected, because
 * intake is for systems, not people.
 */
export const requireIntakeToken: onRequestAsyncHookHandler = async (request) => {
  const principal = principalOf(request);
  if (principal.via !== 'token') {
    throw new ApiError('token-required', 'POST /intake needs an API token, not a session.');
  }
  if (principal.user.role === 'customer') {
    throw new ApiError('forbidden', "A customer account's token may not open intake cases.");
  }
};
