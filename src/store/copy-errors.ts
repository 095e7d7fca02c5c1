/** Stable codes of the errors of copying a SQLite database into PostgreSQL. */
export type CopyErrorCode =
  | 'source-not-found'
  | 'unsupported-engines'
  | 'target-not-empty'
  | 'unknown-table'
  | 'missing-column'
  | 'missing-primary-key'
  | 'copy-failed'
  | 'search-index-failed';

/** An error of `copyDatabase` or its planning steps, with a stable code. */
export class CopyError extends Error {
  constructor(
    readonly code: CopyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CopyError';
  }
}
