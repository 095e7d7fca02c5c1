/** Stable codes of the store's errors. */
export type StoreErrorCode =
  | 'store-open-failed'
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
