import { after, before } from 'node:test';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { openStore, type Store } from '../src/store/index.js';
import { importArchives } from '../src/ingest/index.js';
import { SAMPLE, tempDir } from './helpers.js';
import pg from 'pg';

/**
 * The database the tests run on. `CASEBOOK_TEST_BACKEND=postgres` runs them on PostgreSQL: each
 * test database is created on the server named by `CASEBOOK_TEST_PG_URL` (a role allowed to
 * create databases) and dropped afterwards. Otherwise they run on SQLite files.
 */
export const TEST_BACKEND: 'sqlite' | 'postgres' =
  process.env.CASEBOOK_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** A database location for one test, and how to remove it. */
export interface TestDatabase {
  /** A SQLite file path or a postgres:// URL, as --db and openStore take it. */
  location: string;
  drop(): Promise<void>;
}

let counter = 0;

/** Returns the PostgreSQL server URL the tests use, or throws when it is not configured. */
export function testServerUrl(): string {
  const url = process.env.CASEBOOK_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'Set CASEBOOK_TEST_PG_URL to a postgres:// URL of a role with CREATEDB (see README, "Tests on PostgreSQL").',
    );
  }
  return url;
}

/** Creates an empty PostgreSQL database with byte-order collation and returns its URL. */
export async function createPostgresDatabase(prefix = 'casebook_test'): Promise<TestDatabase> {
  const server = testServerUrl();
  counter += 1;
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    // C collation sorts text by code point, as SQLite does, so list orders agree.
    await admin.query(
      `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    location: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Returns a fresh database for one test: a file in `dir` on SQLite, a new database on
 * PostgreSQL.
 */
export async function createTestDatabase(dir: string, file = 'cases.db'): Promise<TestDatabase> {
  if (TEST_BACKEND === 'postgres') return createPostgresDatabase();
  return { location: path.join(dir, file), drop: async () => undefined };
}

/**
 * Returns a database location for one test file, suite or test, removed when it ends: a file in
 * `dir` on SQLite, a new database on PostgreSQL. Synchronous (through `psql`), so a suite can
 * call it while it is being defined.
 */
export function databaseFor(dir: string, file = 'cases.db'): string {
  if (TEST_BACKEND !== 'postgres') return path.join(dir, file);
  const server = testServerUrl();
  counter += 1;
  const name = `casebook_test_${process.pid}_${Date.now().toString(36)}_${counter}`;
  psql(
    server,
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`,
  );
  after(() => psql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

function psql(server: string, statement: string): void {
  const result = spawnSync('psql', [server, '-v', 'ON_ERROR_STOP=1', '-qc', statement], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`psql failed (${result.error?.message ?? result.stderr}): ${statement}`);
  }
}

/** Opens a store on a fresh test database; closing it also removes a PostgreSQL database. */
export async function openTestStore(dir: string, file = 'cases.db'): Promise<Store> {
  const database = await createTestDatabase(dir, file);
  const store = await openStore({ path: database.location });
  return {
    ...store,
    close: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** A suite's database with the bundled sample imported; `store` is set once the suite starts. */
export interface SampleDatabase {
  dir: string;
  location: string;
  store: Store;
}

/**
 * Gives the calling suite a fresh database with the bundled sample imported: call it while the
 * suite is defined. The store opens before the suite's tests and closes, with its folder
 * removed, after them.
 */
export function sampleDatabase(): SampleDatabase {
  const { dir, cleanup } = tempDir();
  const sample = { dir, location: databaseFor(dir) } as SampleDatabase;
  before(async () => {
    sample.store = await openStore({ path: sample.location });
    await importArchives(sample.store, [SAMPLE]);
  });
  after(async () => {
    await sample.store.close();
    cleanup();
  });
  return sample;
}

/**
 * Returns the skip reason of a test that needs PostgreSQL itself, or false when it can run. Such
 * a test runs once, in the PostgreSQL pass of the suite, and needs CASEBOOK_TEST_PG_URL.
 */
export function postgresOnly(): string | false {
  if (TEST_BACKEND !== 'postgres') return 'runs in the PostgreSQL pass';
  return process.env.CASEBOOK_TEST_PG_URL ? false : 'CASEBOOK_TEST_PG_URL is not set';
}
