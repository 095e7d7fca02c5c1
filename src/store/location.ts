import { StoreError } from './errors.js';

/**
 * True when a database location names a PostgreSQL server rather than a SQLite file. Any
 * location starting with `postgres:` or `postgresql:` counts, so that a mistyped URL such as
 * `postgres:/…` is rejected by {@link parsePostgresUrl} instead of becoming a file name.
 */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:/i.test(location);
}

/** Returns a location fit for messages and logs: a URL loses its password. */
export function describeLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = validUrl(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(invalid URL)';
  }
}

/**
 * Parses a PostgreSQL URL, raising `invalid-database-url` with the expected form (and never the
 * password) when it is malformed.
 */
export function parsePostgresUrl(location: string): URL {
  try {
    return validUrl(location);
  } catch (error) {
    throw new StoreError(
      'invalid-database-url',
      `Invalid PostgreSQL URL ${describeHost(location)}: ${(error as Error).message}. Expected ` +
        'postgres://USER:PASSWORD@HOST:PORT/DATABASE, with special characters in the password ' +
        'percent-encoded.',
      { cause: error },
    );
  }
}

function validUrl(location: string): URL {
  if (!/^postgres(ql)?:\/\/[^/]/i.test(location)) {
    throw new Error('it must start with postgres:// or postgresql:// and a host');
  }
  const url = new URL(location);
  // Percent-escapes are decoded when connecting; a broken one would fail there.
  decodeURIComponent(url.username);
  decodeURIComponent(url.password);
  return url;
}

// Names the part after the last @, which contains no password, so the user can find the typo.
function describeHost(location: string): string {
  const at = location.lastIndexOf('@');
  return at < 0 ? '(no user or host part)' : `…@${location.slice(at + 1)}`;
}
