import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const execFileAsync = promisify(execFile);

/**
 * A PostgreSQL server started for the fault tests alone: its own data folder in a temporary
 * folder, listening on 127.0.0.1 at a free port, with trust authentication for the `postgres`
 * superuser. Tests may restart and stop it without touching any other cluster.
 */
export interface PrivatePostgres {
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Folder of the cluster's files and log, removed by `stop`. */
  readonly dir: string;
  /** Returns the postgres:// URL of database `db` on this server. */
  url(db?: string): string;
  /** Creates an empty database with byte-order collation and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server with a fast shutdown, which ends every open connection, and starts it
   * again on the same port after `downMs` milliseconds (default 0).
   */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops the server and removes its folder. A second call does nothing. */
  stop(): Promise<void>;
  /** Returns the end of the server log, for failure messages. */
  logTail(): string;
}

const POSTGRES_ROOT = '/usr/lib/postgresql';
const SUPERUSER = 'postgres';

/** Returns the bin folder of the newest PostgreSQL installed under /usr/lib/postgresql, or null. */
export function postgresBinDir(): string | null {
  if (!existsSync(POSTGRES_ROOT)) return null;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(POSTGRES_ROOT, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/**
 * Returns why the fault tests cannot run here, or false when they can. They run only in the
 * PostgreSQL pass of the test runner, so that the two passes do not run them twice.
 */
export function faultTestsSkipReason(): string | false {
  if (process.env.CASEBOOK_TEST_BACKEND !== 'postgres') return 'runs in the PostgreSQL pass';
  if (!postgresBinDir()) {
    return `PostgreSQL server programs (initdb, pg_ctl) not found under ${POSTGRES_ROOT}/*/bin; install the postgresql package`;
  }
  if (isRoot() && !osUserExists(SUPERUSER)) {
    return 'running as root, and initdb needs the "postgres" OS user, which does not exist';
  }
  return false;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function osUserExists(name: string): boolean {
  return spawnSync('id', ['-u', name]).status === 0;
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No TCP port assigned.');
  return address.port;
}

/** Returns the command line of a PostgreSQL program. As root, runuser runs it as `postgres`. */
function programCommand(bin: string, program: string, args: string[]): [string, string[]] {
  const file = path.join(bin, program);
  // initdb and the server both exit with an error when started as root.
  return isRoot() ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, args];
}

/** Runs a PostgreSQL program and waits for it, blocking the event loop. */
function runProgram(bin: string, program: string, args: string[]): void {
  const [command, commandArgs] = programCommand(bin, program, args);
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    const reason = result.error?.message ?? `exit code ${result.status ?? result.signal}`;
    throw new Error(`${program} ${args[0] ?? ''} failed (${reason}): ${result.stderr.trim()}`);
  }
}

/** Runs a PostgreSQL program without blocking, so load clients keep running meanwhile. */
async function runProgramAsync(bin: string, program: string, args: string[]): Promise<void> {
  const [command, commandArgs] = programCommand(bin, program, args);
  try {
    await execFileAsync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${program} ${args[0] ?? ''} failed (${message}): ${stderr?.trim() ?? ''}`);
  }
}

function initCluster(bin: string, dataDir: string): void {
  runProgram(bin, 'initdb', [
    '--pgdata',
    dataDir,
    '--username',
    SUPERUSER,
    // Trust is written into this cluster's own pg_hba.conf, for its local socket and loopback.
    '--auth',
    'trust',
    '--encoding',
    'UTF8',
    '--locale',
    'C',
    '--no-sync',
  ]);
}

/**
 * Initialises and starts a private cluster. As root, the temporary folder is handed to the
 * `postgres` OS user first, because the server does not run as root.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`No PostgreSQL server programs under ${POSTGRES_ROOT}/*/bin.`);

  const dir = mkdtempSync(path.join(tmpdir(), 'casebook-faults-pg-'));
  try {
    mkdirSync(path.join(dir, 'socket'));
    if (isRoot()) chownTree(dir, SUPERUSER);
    initCluster(bin, path.join(dir, 'data'));
    const cluster = new Cluster(bin, dir);
    await cluster.startOnFreePort();
    return cluster;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function chownTree(dir: string, user: string): void {
  const result = spawnSync('chown', ['-R', `${user}:`, dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`chown ${dir} failed: ${result.stderr.trim()}`);
}

class Cluster implements PrivatePostgres {
  port = 0;
  readonly #dataDir: string;
  readonly #logFile: string;
  #settings = '';
  #running = false;
  #removed = false;
  // Last resort when the test process exits without reaching its after() hooks.
  readonly #removeOnExit = () => this.#remove('immediate');

  constructor(
    private readonly bin: string,
    readonly dir: string,
  ) {
    this.#dataDir = path.join(dir, 'data');
    this.#logFile = path.join(dir, 'server.log');
  }

  /**
   * Starts the server on a free port. Another process may take the port between the check and
   * the start, so a failed start is tried again on a new port.
   */
  async startOnFreePort(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      this.port = await freePort();
      // fsync off only risks data when the operating system crashes, which no test causes.
      this.#settings = [
        '-c listen_addresses=127.0.0.1',
        `-c port=${this.port}`,
        `-k ${path.join(this.dir, 'socket')}`,
        '-c fsync=off',
        '-c max_connections=200',
      ].join(' ');
      try {
        runProgram(this.bin, 'pg_ctl', this.#startArgs());
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    this.#running = true;
    process.once('exit', this.#removeOnExit);
  }

  #startArgs(): string[] {
    // Without --log the server would write to this process's pipe and keep it open.
    const log = ['--log', this.#logFile, '--wait', '--timeout', '30'];
    return ['start', '--pgdata', this.#dataDir, '--options', this.#settings, ...log];
  }

  url(db = 'postgres'): string {
    return `postgres://${SUPERUSER}@127.0.0.1:${this.port}/${db}`;
  }

  async createDatabase(name: string): Promise<string> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name "${name}".`);
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      // C collation sorts text by code point, as SQLite does, so list orders agree.
      await client.query(
        `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`,
      );
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  async restart(options: { downMs?: number } = {}): Promise<void> {
    const stopArgs = ['stop', '--pgdata', this.#dataDir, '--mode', 'fast', '--wait'];
    await runProgramAsync(this.bin, 'pg_ctl', stopArgs);
    this.#running = false;
    await new Promise((resolve) => setTimeout(resolve, options.downMs ?? 0));
    await runProgramAsync(this.bin, 'pg_ctl', this.#startArgs());
    this.#running = true;
  }

  async stop(): Promise<void> {
    this.#remove('fast');
  }

  #remove(mode: 'fast' | 'immediate'): void {
    if (this.#removed) return;
    this.#removed = true;
    process.removeListener('exit', this.#removeOnExit);
    try {
      if (this.#running) {
        runProgram(this.bin, 'pg_ctl', ['stop', '--pgdata', this.#dataDir, '--mode', mode]);
      }
    } finally {
      this.#running = false;
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  logTail(): string {
    return spawnSync('tail', ['-n', '40', this.#logFile], { encoding: 'utf8' }).stdout ?? '';
  }
}

/** Runs one statement on the database at `url` over a connection of its own. */
export async function queryRows<Row>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Row[];
  } finally {
    await client.end();
  }
}
