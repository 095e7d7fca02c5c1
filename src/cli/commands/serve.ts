import { once } from 'node:events';
import path from 'node:path';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { vaultKeyFromEnv } from '../../redact/index.js';
import { countCases, openStore, type Store } from '../../store/index.js';
import { LOCKS, withAdvisoryLock } from '../../store/advisory-lock.js';
import { importArchives } from '../../ingest/index.js';
import { bundledKnowledge, mineFaq } from '../../knowledge/index.js';
import { calibrateCategoryModel, llmConfigFromEnv } from '../../triage/index.js';
import {
  checkFolderOf,
  CliError,
  resolveDbPath,
  writeLines,
  type CliIO,
  type GlobalOptions,
} from '../io.js';

interface ServeOptions extends GlobalOptions {
  port: string;
  host: string;
  secureCookies: string;
  trustProxy?: boolean;
  logLevel: string;
  adminEmail?: string;
  webRoot?: string;
  importIfEmpty?: string[];
  /** False with `--no-memory-index`. */
  memoryIndex?: boolean;
  indexSnapshot?: string;
}

/** A started server and the way to stop it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || String(port) !== value) {
    throw new CliError(`Invalid --port "${value}": expected an integer from 0 to 65535.`, 2);
  }
  return port;
}

function parseSecureCookies(value: string): boolean | 'auto' {
  if (value === 'auto') return 'auto';
  if (value === 'always') return true;
  if (value === 'never') return false;
  throw new CliError(`Invalid --secure-cookies "${value}": expected auto, always or never.`, 2);
}

/** Resolves --index-snapshot, whose folder must exist, so a mistyped path fails at start. */
function resolveSnapshotFile(file: string | undefined, io: CliIO): string | undefined {
  if (file === undefined) return undefined;
  const resolved = path.resolve(io.cwd, file);
  checkFolderOf(resolved, `--index-snapshot ${file}`, '--index-snapshot', 2);
  return resolved;
}

/** Listens, and turns a busy port or an unusable address into an error with the fix. */
async function listenOrExplain(app: FastifyInstance, port: number, host: string): Promise<string> {
  const { listen } = await loadServer();
  try {
    return await listen(app, { port, host });
  } catch (error) {
    await app.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        `Port ${port} on ${host} is already in use. Stop the program using it, or pass --port with another port (0 picks a free one).`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      throw new CliError(
        `Cannot listen on ${host}:${port} (${code}). Pass a --host address of this machine and a --port above 1023.`,
      );
    }
    throw error;
  }
}

/** Imports archives into an empty database before serving, so a first start has cases to show. */
async function importFirstArchive(store: Store, files: string[], io: CliIO): Promise<void> {
  const summary = await importArchives(store, files, { vaultKey: vaultKeyFromEnv(io.env) });
  if (summary.errors.length > 0) {
    throw new CliError(
      `Cannot import ${files.join(', ')}:\n${summary.errors.map((e) => e.message).join('\n')}`,
    );
  }
  await calibrateCategoryModel(store);
  const faq = await mineFaq(store, bundledKnowledge());
  writeLines(io.stdout, [
    `Imported ${summary.imported} cases from ${files.join(', ')} into the empty database; proposed ${faq.created} FAQ entries for review.`,
  ]);
}

/**
 * Loads the web server's modules (Fastify, its plugins and routes), which only `serve` needs:
 * read at start, they would add some 150 ms to every other command.
 */
function loadServer(): Promise<typeof import('../../server/index.js')> {
  return import('../../server/index.js');
}

/**
 * Opens the database, creates the first admin when there is none (printing its password once
 * on stdout, never to the log), and starts the HTTP server. The log goes to stderr as JSON lines.
 */
export async function startServer(options: ServeOptions, io: CliIO): Promise<RunningServer> {
  const port = parsePort(options.port);
  const cookieSecure = parseSecureCookies(options.secureCookies);
  if (!LOG_LEVELS.includes(options.logLevel)) {
    throw new CliError(
      `Invalid --log-level "${options.logLevel}": expected ${LOG_LEVELS.join(', ')}.`,
      2,
    );
  }

  const indexSnapshot = resolveSnapshotFile(options.indexSnapshot, io);
  const store = await openStore({ path: resolveDbPath(options, io) });
  try {
    // Instances starting together on one PostgreSQL database take turns here, so only the
    // first imports the archive and creates the admin.
    await withAdvisoryLock(store, LOCKS.startup, async () => {
      if (options.importIfEmpty && (await countCases(store)) === 0) {
        await importFirstArchive(store, options.importIfEmpty, io);
      }
    });
    const { buildApp, ensureAdmin } = await loadServer();
    const app = await buildApp({
      store,
      logger: { level: options.logLevel, stream: io.stderr },
      llm: llmConfigFromEnv(io.env),
      vaultKey: vaultKeyFromEnv(io.env),
      cookieSecure,
      trustProxy: options.trustProxy ?? false,
      webRoot: options.webRoot,
      memorySearch: options.memoryIndex !== false,
      indexSnapshot,
    });
    const url = await listenOrExplain(app, port, options.host);
    // The admin is created once the port is open, so a start that fails to listen leaves no
    // account whose one-time password was never printed.
    const admin = await withAdvisoryLock(store, LOCKS.startup, () =>
      ensureAdmin(store, options.adminEmail),
    ).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });

    const lines = [`casebook is listening on ${url} (API documentation at ${url}/api/docs).`];
    if (admin) {
      lines.push(
        'Created the first admin account. Log in with:',
        `  e-mail:   ${admin.email}`,
        `  password: ${admin.password}`,
        'This password is shown only once; change it with POST /api/v1/auth/password.',
      );
    }
    writeLines(io.stdout, lines);

    return {
      url,
      close: async () => {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Registers `casebook serve`. */
export function registerServe(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('run the helpdesk HTTP API (and the web app, when built) until interrupted')
    .option('--port <port>', 'TCP port to listen on; 0 picks a free one', '3000')
    .option(
      '--host <address>',
      'address to bind; 0.0.0.0 exposes the server to the network',
      '127.0.0.1',
    )
    .option(
      '--secure-cookies <mode>',
      'Secure flag of the session cookie: auto (when https), always or never',
      'auto',
    )
    .option('--trust-proxy', 'trust X-Forwarded-For and X-Forwarded-Proto of a reverse proxy')
    .option('--log-level <level>', `log level: ${LOG_LEVELS.join(', ')}`, 'info')
    .option('--admin-email <email>', 'login of the admin account created on the first start')
    .option('--web-root <dir>', 'folder of the built web app (default: web/dist of the package)')
    .option(
      '--no-memory-index',
      'search with the database index only, instead of loading the search index into memory',
    )
    .option(
      '--index-snapshot <file>',
      'file that keeps the in-memory search index between starts (default: beside a SQLite database, none for PostgreSQL)',
    )
    .option(
      '--import-if-empty <files...>',
      'archive files to import first when the database has no cases',
    )
    .action(async (options: ServeOptions) => {
      const server = await startServer({ ...program.opts<GlobalOptions>(), ...options }, io);
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
      await server.close();
    });
}
