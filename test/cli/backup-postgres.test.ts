import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runCli } from '../../src/cli/run.js';
import { BackupError } from '../../src/store/backup.js';
import { describeLocation } from '../../src/store/location.js';
import { runPgTool } from '../../src/store/pg-tools.js';
import { SAMPLE, captureIO, tempDir } from '../helpers.js';
import { createPostgresDatabase, postgresOnly, type TestDatabase } from '../database.js';

const skip = postgresOnly();

async function casebook(database: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIO({ env });
  const code = await runCli(['--db', database, ...args], io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

/** Asserts that no output contains the URL's password in its URL form. */
function assertNoPassword(url: string, ...outputs: string[]): void {
  const secret = `:${decodeURIComponent(new URL(url).password)}@`;
  for (const output of outputs) assert.ok(!output.includes(secret), `password shown in: ${output}`);
}

async function query<Row extends pg.QueryResultRow>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

async function countCases(url: string): Promise<number> {
  const rows = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM cases');
  return rows[0]!.n;
}

describe('casebook backup and restore on PostgreSQL', { skip }, () => {
  const { dir, cleanup } = tempDir('casebook-pg-backup-');
  const backup = path.join(dir, 'casebook.dump');
  const databases: TestDatabase[] = [];
  let live: TestDatabase;

  async function newDatabase(): Promise<TestDatabase> {
    const database = await createPostgresDatabase('casebook_backup');
    databases.push(database);
    return database;
  }

  before(async () => {
    live = await newDatabase();
    const { code, stderr } = await casebook(live.location, ['import', SAMPLE]);
    assert.equal(code, 0, stderr);
  });

  after(async () => {
    for (const database of databases) await database.drop();
    cleanup();
  });

  test('backup --json writes a pg_dump archive', async () => {
    const { code, stdout, stderr } = await casebook(live.location, [
      '--json',
      'backup',
      '--out',
      backup,
    ]);
    assert.equal(code, 0, stderr);
    assertNoPassword(live.location, stdout, stderr);
    const summary = JSON.parse(stdout);
    assert.equal(summary.file, backup);
    assert.equal(summary.cases, 95);
    assert.equal(summary.bytes, statSync(backup).size);
    assert.equal(readFileSync(backup).subarray(0, 5).toString('latin1'), 'PGDMP');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  test('backup rejects existing file', async () => {
    const before = readFileSync(backup);
    const { code, stderr } = await casebook(live.location, ['backup', '--out', backup]);
    assert.equal(code, 1);
    assert.match(stderr, /already exists\. Pass --force/);
    assert.ok(readFileSync(backup).equals(before));
  });

  test('restore rejects a database with tables', async () => {
    await query(
      live.location,
      "UPDATE cases SET title = '改过的标题 (changed title)' WHERE id = 1",
    );
    const { code, stderr } = await casebook(live.location, ['restore', backup]);
    assert.equal(code, 1);
    assert.match(stderr, /already contains \d+ tables\. Pass --force/);
    assert.ok(stderr.includes(describeLocation(live.location)));
    assertNoPassword(live.location, stderr);
    const rows = await query<{ title: string }>(
      live.location,
      'SELECT title FROM cases WHERE id = 1',
    );
    assert.equal(rows[0]!.title, '改过的标题 (changed title)');
  });

  test('restore --force brings the data back', async () => {
    const [original] = await query<{ title: string }>(
      live.location,
      'SELECT title FROM cases WHERE id = 2',
    );
    await query(live.location, 'DELETE FROM cases WHERE id > 90');
    await query(live.location, "UPDATE cases SET title = 'changed' WHERE id = 2");
    assert.equal(await countCases(live.location), 90);

    const { code, stdout, stderr } = await casebook(live.location, [
      '--json',
      'restore',
      backup,
      '--force',
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Warning: stop any "casebook serve"/);
    assertNoPassword(live.location, stdout, stderr);
    const summary = JSON.parse(stdout);
    assert.equal(summary.cases, 95);
    assert.equal(summary.file, describeLocation(live.location));

    assert.equal(await countCases(live.location), 95);
    const [title] = await query<{ title: string }>(
      live.location,
      'SELECT title FROM cases WHERE id = 2',
    );
    assert.equal(title!.title, original!.title);
    const messages = await query<{ n: number }>(
      live.location,
      'SELECT count(*)::int AS n FROM messages WHERE case_id > 90',
    );
    assert.ok(messages[0]!.n > 0);
  });

  test('restore into an empty database', async () => {
    const empty = await newDatabase();
    const { code, stdout, stderr } = await casebook(empty.location, ['restore', backup]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Restored 95 cases into postgres:\/\//);
    assertNoPassword(empty.location, stdout, stderr);

    const stats = await casebook(empty.location, ['--json', 'stats']);
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(JSON.parse(stats.stdout).cases, 95);
  });

  test('restore rejects a file that is no dump', async () => {
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, '这不是备份 (this is not a backup)\n');
    const { code, stderr } = await casebook(live.location, ['restore', text, '--force']);
    assert.equal(code, 1);
    assert.match(stderr, /notes\.txt is not a pg_dump archive in custom format/);
    assert.match(stderr, /pg_restore failed/);
    assertNoPassword(live.location, stderr);
    assert.equal(await countCases(live.location), 95);
  });

  test('backup of a database without casebook', async () => {
    const empty = await newDatabase();
    const out = path.join(dir, 'empty.dump');
    const { code, stderr } = await casebook(empty.location, ['backup', '--out', out]);
    assert.equal(code, 1);
    assert.match(stderr, /is not a casebook database/);
    assert.equal(existsSync(out), false);
  });

  test('backup without pg_dump on PATH', async () => {
    const out = path.join(dir, 'no-tool.dump');
    const { code, stderr } = await casebook(live.location, ['backup', '--out', out], {
      PATH: path.join(dir, 'no-such-folder'),
    });
    assert.equal(code, 1);
    assert.match(stderr, /pg_dump was not found on PATH\. Install the PostgreSQL client/);
    assert.equal(existsSync(out), false);
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  test('pg_dump failure carries its stderr', async () => {
    const url = new URL(live.location);
    url.pathname = '/casebook_no_such_database';
    const out = path.join(dir, 'missing-db.dump');
    await assert.rejects(
      runPgTool('pg_dump', ['--format=custom', `--file=${out}`], url.toString()),
      (error: unknown) => {
        assert.ok(error instanceof BackupError);
        assert.equal(error.code, 'tool-failed');
        assert.match(error.message, /^pg_dump failed: exited with code 1: /);
        assert.match(error.message, /database "casebook_no_such_database" does not exist/);
        assertNoPassword(live.location, error.message);
        return true;
      },
    );
  });
});
