import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { isPostgresUrl } from '../store/location.js';

/** The streams and environment a command runs with, injected so tests can call commands directly. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** An error that ends a command with a message on stderr and the given exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Options every command accepts. */
export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

/**
 * Picks the database: `--db`, else `$CASEBOOK_DATABASE_URL` (a PostgreSQL server), else
 * `$CASEBOOK_DB`, else `./casebook.db`. `--db` takes a file path or a `postgres://` URL.
 */
export function resolveDbPath(options: GlobalOptions, io: CliIO): string {
  const path =
    options.db ??
    nonEmpty(io.env.CASEBOOK_DATABASE_URL) ??
    io.env.CASEBOOK_DB ??
    `${io.cwd}/casebook.db`;
  if (path.trim() === '')
    throw new CliError('The database path is empty: pass --db PATH or set CASEBOOK_DB.', 2);
  // Creating the folder would turn a mistyped --db into a new, empty database in a new folder.
  if (!isPostgresUrl(path) && path !== ':memory:') checkFolderOf(path, `database ${path}`, '--db');
  return path;
}

/**
 * Throws a CliError when the folder of a file to be written does not exist. `described` names
 * the file in the message and `option` is the option that gives it.
 */
export function checkFolderOf(file: string, described: string, option: string, code = 1): void {
  const folder = dirname(resolve(file));
  if (existsSync(folder)) return;
  throw new CliError(
    `The folder ${folder} of ${described} does not exist. Create it first, or pass another ${option} path.`,
    code,
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Writes one JSON document followed by a newline. */
export function writeJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes lines of text followed by a newline. */
export function writeLines(stream: Writable, lines: string[]): void {
  stream.write(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

/** Reads all of stdin as UTF-8 text. */
export async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
