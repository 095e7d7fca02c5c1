import { spawn } from 'node:child_process';
import { BackupError } from './backup.js';
import { describeLocation, parsePostgresUrl } from './location.js';

/** The PostgreSQL client programs that backup and restore run. */
export type PgTool = 'pg_dump' | 'pg_restore';

/** Options of {@link runPgTool}. */
export interface PgToolOptions {
  /** Folders to look for the program in, as in `$PATH` (default: this process's `$PATH`). */
  searchPath?: string;
}

// URL query parameters that libpq also reads from the environment, with their variables.
const QUERY_VARIABLES: Readonly<Record<string, string>> = {
  host: 'PGHOST',
  port: 'PGPORT',
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  application_name: 'PGAPPNAME',
  options: 'PGOPTIONS',
};

// PGPASSFILE is kept from the parent environment, because a URL without a password
// authenticates through that file in node-postgres and libpq alike.
const INHERITED_PG_VARIABLES = new Set(['PGPASSFILE']);

/**
 * Turns a postgres:// URL into libpq environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE and the supported query parameters), so that no connection setting, the password
 * least of all, appears on a command line that other users can list.
 */
export function libpqEnvironment(url: string): Record<string, string> {
  const parsed = parsePostgresUrl(url);
  const variables: Record<string, string> = {};
  const set = (name: string, value: string) => {
    if (value !== '') variables[name] = value;
  };

  set('PGHOST', parsed.hostname.replace(/^\[(.*)\]$/, '$1'));
  set('PGPORT', parsed.port);
  set('PGUSER', decodeURIComponent(parsed.username));
  set('PGPASSWORD', decodeURIComponent(parsed.password));
  set('PGDATABASE', decodeURIComponent(parsed.pathname.replace(/^\//, '')));
  for (const [key, value] of parsed.searchParams) {
    const name = QUERY_VARIABLES[key];
    if (name === undefined) {
      throw new BackupError(
        'unsupported-url',
        `The database URL ${describeLocation(url)} has the parameter "${key}", which backup and ` +
          `restore cannot pass to pg_dump. Supported parameters: ${Object.keys(QUERY_VARIABLES).join(', ')}.`,
      );
    }
    set(name, value);
  }
  return variables;
}

/**
 * Runs pg_dump or pg_restore with the URL's connection settings in its environment and returns
 * its standard output. A missing program or a non-zero exit becomes a BackupError carrying the
 * program's standard error. libpq's error messages name the host, user and database but not
 * the password.
 */
export async function runPgTool(
  tool: PgTool,
  args: readonly string[],
  url: string,
  options: PgToolOptions = {},
): Promise<string> {
  const env = childEnvironment(url, options.searchPath);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? notFound(tool) : failed(tool, error.message, error));
    });
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(Buffer.concat(stdout).toString('utf8'));
        return;
      }
      const output = Buffer.concat(stderr).toString('utf8').trim();
      const status = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(failed(tool, `${status}${output === '' ? '' : `: ${output}`}`));
    });
  });
}

function childEnvironment(url: string, searchPath: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // PGSERVICE, PGOPTIONS and the like in this process's environment would change where or how
  // the program connects, so only the URL decides.
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('PG') || INHERITED_PG_VARIABLES.has(name)) env[name] = value;
  }
  if (searchPath !== undefined) env.PATH = searchPath;
  return { ...env, ...libpqEnvironment(url) };
}

function notFound(tool: PgTool): BackupError {
  return new BackupError(
    'tool-not-found',
    `${tool} was not found on PATH. Install the PostgreSQL client programs in the server's ` +
      'major version or newer (on Debian: apt-get install postgresql-client), then run again.',
  );
}

function failed(tool: PgTool, detail: string, cause?: unknown): BackupError {
  return new BackupError('tool-failed', `${tool} failed: ${detail}`, { cause });
}
