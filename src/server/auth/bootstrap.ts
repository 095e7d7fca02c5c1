import type { Store } from '../../store/open.js';
import { createUser, listUsers, normalizeEmail } from '../../store/users.js';
import { hashPassword } from './passwords.js';
import { randomSecret } from './secrets.js';

/** Login of the admin account that the first start creates; `.invalid` never resolves (RFC 2606). */
export const DEFAULT_ADMIN_EMAIL = 'admin@casebook.invalid';

/** The first admin account with its one-time password. */
export interface InitialAdmin {
  email: string;
  password: string;
}

/**
 * Creates an admin account with a random password when the database has none, and returns its
 * login; returns null when an admin exists. The caller shows the password once and must never
 * log it.
 */
export async function ensureAdmin(
  store: Store,
  email = DEFAULT_ADMIN_EMAIL,
): Promise<InitialAdmin | null> {
  const admins = await listUsers(store, { role: 'admin', offset: 0, limit: 1 });
  if (admins.total > 0) return null;

  const password = randomSecret(18);
  const user = await createUser(store, {
    email: normalizeEmail(email),
    name: 'Administrator',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  if (!user) {
    throw new Error(
      `Cannot create the first admin: ${email} belongs to another account. Pass another --admin-email.`,
    );
  }
  return { email: user.email, password };
}
