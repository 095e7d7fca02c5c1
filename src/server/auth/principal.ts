import type { TokenScope } from '../../store/api-tokens.js';
import type { User, UserRole } from '../../store/users.js';

/** The sender of a request and the credential it authenticated with. */
export interface Principal {
  user: User;
  via: 'session' | 'token';
  /** SHA-256 of the session id, for logout; only for `via: 'session'`. */
  sessionIdHash?: string;
  /** The session's CSRF token; only for `via: 'session'`. */
  csrfToken?: string;
  /** The API token used; only for `via: 'token'`. */
  token?: { id: number; scope: TokenScope };
}

/** Tells whether the principal is an agent or an admin, who see every case. */
export function isStaff(principal: Principal): boolean {
  return principal.user.role === 'agent' || principal.user.role === 'admin';
}

/** Returns the role of a principal. */
export function roleOf(principal: Principal): UserRole {
  return principal.user.role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user, or null for an anonymous request. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** False on routes that start a session (login, signup), which need no CSRF token. */
    csrf?: boolean;
  }
}
