/** Stable codes of the store's errors. */
export type StoreErrorCode =
  | 'store-open-failed'
  | 'invalid-database-url'
  | 'migration-failed'
  | 'case-not-found'
  | 'vault-entry-not-found'
  | 'not-a-casebook-database';

/** An error of the storage layer with a stable code. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** True when a write failed on a unique or primary-key constraint, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}
