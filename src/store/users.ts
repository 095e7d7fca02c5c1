import { isUniqueViolation } from './errors.js';
import type { Selectable } from 'kysely';
import type { Store } from './open.js';
import type { UserTable } from './schema.js';

/** Roles of helpdesk accounts, from most to least privileged. */
export const USER_ROLES = ['admin', 'agent', 'customer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A helpdesk account as the API shows it; the password hash never leaves the store module. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** Fields of a new account. `email` must already be normalized (see normalizeEmail). */
export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
}

/** Changes an admin may make to an account. */
export interface UserChanges {
  name?: string;
  role?: UserRole;
  disabled?: boolean;
  passwordHash?: string;
}

/** Trims and lower-cases an e-mail address, the form in which logins are stored and compared. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toUser(row: Selectable<UserTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

/** Creates an account, or returns null when the e-mail address is already taken. */
export async function createUser(store: Store, user: NewUser): Promise<User | null> {
  const now = new Date().toISOString();
  try {
    const row = await store.db
      .insertInto('users')
      .values({
        email: user.email,
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Finds an account by id. */
export async function findUser(store: Store, id: number): Promise<User | undefined> {
  const row = await store.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Finds an account and its password hash by normalized e-mail address, for login. */
export async function findLogin(
  store: Store,
  email: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await store.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

/** Reads the password hash of an account, for a password change. */
export async function readPasswordHash(store: Store, id: number): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.password_hash;
}

/** Lists accounts by id, optionally of one role, a page at a time. */
export async function listUsers(
  store: Store,
  options: { role?: UserRole; offset: number; limit: number },
): Promise<{ items: User[]; total: number }> {
  let query = store.db.selectFrom('users');
  if (options.role) query = query.where('role', '=', options.role);

  const rows = await query
    .selectAll()
    .orderBy('id')
    .offset(options.offset)
    .limit(options.limit)
    .execute();
  const count = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toUser), total: Number(count.total) };
}

/** Applies changes to an account and returns it, or undefined when the id is unknown. */
export async function updateUser(
  store: Store,
  id: number,
  changes: UserChanges,
): Promise<User | undefined> {
  const set: Partial<Selectable<UserTable>> = { updated_at: new Date().toISOString() };
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.disabled !== undefined) set.disabled = changes.disabled ? 1 : 0;
  if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;

  const row = await store.db
    .updateTable('users')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Stores the time of a successful login. */
export async function recordLogin(store: Store, id: number): Promise<void> {
  await store.db
    .updateTable('users')
    .set({ last_login_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Counts admin accounts that are not disabled, so the last one cannot be demoted. */
export async function countActiveAdmins(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
