import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { runCli } from '../../src/cli/run.js';
import { SAMPLE, captureIO, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir('casebook-backup-');
const db = path.join(dir, 'live.db');
const backup = path.join(dir, 'live.backup.db');

async function casebook(database: string, args: string[]) {
  const io = captureIO({ cwd: dir });
  const code = await runCli(['--db', database, ...args], io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

function countCases(file: string): number {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return (sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

function tempFiles(): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

before(async () => {
  const { code } = await casebook(db, ['import', SAMPLE]);
  assert.equal(code, 0);
});

after(cleanup);

describe('casebook backup and restore', () => {
  test('backup --json prints the summary', async () => {
    const { code, stdout } = await casebook(db, ['--json', 'backup', '--out', backup]);
    assert.equal(code, 0);
    const summary = JSON.parse(stdout);
    assert.equal(summary.file, backup);
    assert.equal(summary.cases, 95);
    assert.equal(summary.bytes, statSync(backup).size);
    assert.equal(typeof summary.seconds, 'number');
    assert.deepEqual(tempFiles(), []);
  });

  test('backup is one self-contained file', () => {
    const sqlite = new BetterSqlite3(backup, { readonly: true });
    const check = sqlite.pragma('integrity_check', { simple: true });
    const mode = sqlite.pragma('journal_mode', { simple: true });
    sqlite.close();
    assert.equal(check, 'ok');
    assert.equal(mode, 'delete');
    assert.equal(existsSync(`${backup}-wal`), false);
  });

  test('restore into a new path', async () => {
    const restored = path.join(dir, 'restored.db');
    const { code, stdout } = await casebook(restored, ['--json', 'restore', backup]);
    assert.equal(code, 0);
    assert.equal(JSON.parse(stdout).cases, 95);
    assert.equal(countCases(restored), 95);

    const stats = await casebook(restored, ['--json', 'stats']);
    assert.equal(JSON.parse(stats.stdout).cases, 95);

    const triage = await casebook(restored, ['--json', 'triage', '免费证书申请了一天了还在审核中']);
    assert.equal(triage.code, 0);
    const result = JSON.parse(triage.stdout);
    assert.ok(result.category.label);
    assert.ok(result.similar.length > 0);
  });

  test('backup rejects existing file', async () => {
    const before = readFileSync(backup);
    const { code, stderr } = await casebook(db, ['backup', '--out', backup]);
    assert.equal(code, 1);
    assert.match(stderr, /already exists\. Pass --force/);
    assert.ok(stderr.includes(backup));
    assert.ok(readFileSync(backup).equals(before));
  });

  test('backup --force replaces file', async () => {
    const { code, stdout } = await casebook(db, ['backup', '--out', backup, '--force']);
    assert.equal(code, 0);
    assert.match(stdout, /^Backed up 95 cases to /);
  });

  test('backup rejects its own database', async () => {
    const { code, stderr } = await casebook(db, ['backup', '--out', db, '--force']);
    assert.equal(code, 2);
    assert.match(stderr, /both the source and the backup/);
  });

  test('backup of missing database fails', async () => {
    const missing = path.join(dir, 'missing.db');
    const out = path.join(dir, 'missing.backup.db');
    const { code, stderr } = await casebook(missing, ['backup', '--out', out]);
    assert.equal(code, 1);
    assert.match(stderr, /missing\.db does not exist/);
    assert.equal(existsSync(out), false);
  });

  test('restore rejects existing database', async () => {
    const target = path.join(dir, 'existing.db');
    writeFileSync(target, 'keep me');
    const { code, stderr } = await casebook(target, ['restore', backup]);
    assert.equal(code, 1);
    assert.match(stderr, /already exists\. Pass --force/);
    assert.equal(readFileSync(target, 'utf8'), 'keep me');
  });

  test('restore rejects a text file', async () => {
    const text = path.join(dir, 'notes.txt');
    const target = path.join(dir, 'from-text.db');
    writeFileSync(text, '这不是数据库 (this is not a database)\n');
    const { code, stderr } = await casebook(target, ['restore', text]);
    assert.equal(code, 1);
    assert.match(stderr, /notes\.txt is not a SQLite database/);
    assert.equal(existsSync(target), false);
  });

  test('restore rejects a foreign database', async () => {
    const foreign = path.join(dir, 'foreign.db');
    const target = path.join(dir, 'from-foreign.db');
    const sqlite = new BetterSqlite3(foreign);
    sqlite.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    sqlite.close();
    const { code, stderr } = await casebook(target, ['restore', foreign]);
    assert.equal(code, 1);
    assert.match(stderr, /foreign\.db is not a casebook database/);
    assert.equal(existsSync(target), false);
  });

  test('restore rejects missing backup', async () => {
    const target = path.join(dir, 'from-missing.db');
    const { code, stderr } = await casebook(target, ['restore', path.join(dir, 'nope.db')]);
    assert.equal(code, 1);
    assert.match(stderr, /nope\.db does not exist/);
  });

  test('restore rejects database in use', async () => {
    const target = path.join(dir, 'in-use.db');
    assert.equal((await casebook(target, ['restore', backup])).code, 0);
    const open = new BetterSqlite3(target);
    open.pragma('journal_mode = WAL');
    open.prepare('SELECT count(*) FROM cases').get();
    try {
      const { code, stderr } = await casebook(target, ['restore', backup, '--force']);
      assert.equal(code, 1);
      assert.match(stderr, /Warning: stop any "casebook serve"/);
      assert.match(stderr, /is open in another process/);
    } finally {
      open.close();
    }
  });

  test('restore --force removes stale WAL files', async () => {
    const target = path.join(dir, 'stale.db');
    assert.equal((await casebook(target, ['restore', backup])).code, 0);
    writeFileSync(`${target}-wal`, 'stale write-ahead log');
    writeFileSync(`${target}-shm`, 'stale shared memory');

    const { code } = await casebook(target, ['restore', backup, '--force']);
    assert.equal(code, 0);
    assert.equal(existsSync(`${target}-wal`), false);
    assert.equal(existsSync(`${target}-shm`), false);
    assert.equal(countCases(target), 95);
  });

  test('backup during open write transaction', async () => {
    const out = path.join(dir, 'during-write.db');
    const writer = new BetterSqlite3(db);
    writer.exec('BEGIN IMMEDIATE');
    writer.exec(`
      INSERT INTO cases (source_id, ref, number, title, product, type, description, answer,
        root_cause_text, status, content_hash, created_at, updated_at)
      SELECT source_id, 'Q9999', 9999, title, product, type, description, answer,
        root_cause_text, status, content_hash, created_at, updated_at
      FROM cases LIMIT 1`);
    try {
      const { code, stdout } = await casebook(db, ['--json', 'backup', '--out', out]);
      assert.equal(code, 0);
      assert.equal(JSON.parse(stdout).cases, 95);
      assert.equal(countCases(out), 95);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    assert.equal(countCases(db), 95);
  });

  // Runs last because it adds cases to the live database.
  test('backup during concurrent commits', async () => {
    const out = path.join(dir, 'during-commits.db');
    const writer = new BetterSqlite3(db);
    const insert = writer.prepare(`
      INSERT INTO cases (source_id, ref, number, title, product, type, description, answer,
        root_cause_text, status, content_hash, created_at, updated_at)
      SELECT source_id, 'Q' || @number, @number, title, product, type, description, answer,
        root_cause_text, status, content_hash, created_at, updated_at
      FROM cases LIMIT 1`);
    // better-sqlite3 12 copies 100 pages per event-loop turn, so these commits land between steps.
    let commits = 0;
    const commitNext = () => {
      if (commits === 50) return;
      insert.run({ number: 10_000 + commits });
      commits += 1;
      setImmediate(commitNext);
    };
    setImmediate(commitNext);

    let summary: { cases: number };
    try {
      const { code, stdout } = await casebook(db, ['--json', 'backup', '--out', out]);
      assert.equal(code, 0);
      summary = JSON.parse(stdout);
    } finally {
      commits = 50;
      writer.close();
    }
    assert.equal(countCases(out), summary.cases);
    assert.ok(countCases(db) > summary.cases);
  });
});
