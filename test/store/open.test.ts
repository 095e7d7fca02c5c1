import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore, StoreError } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

function pageSizeOf(file: string): unknown {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.pragma('page_size', { simple: true });
  } finally {
    db.close();
  }
}

describe('openStore', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('rejects another program database', async () => {
    const file = path.join(dir, 'foreign.db');
    const foreign = new BetterSqlite3(file);
    foreign.exec('CREATE TABLE cases (x)');
    foreign.close();

    await assert.rejects(openStore({ path: file }), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'not-a-casebook-database');
      return true;
    });
    const check = new BetterSqlite3(file, { readonly: true });
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    check.close();
    assert.equal(tables.length, 1);
  });

  test('rejects a file that is not SQLite', async () => {
    const file = path.join(dir, 'text.db');
    writeFileSync(file, 'this is not a database, only some text that is long enough'.repeat(100));
    await assert.rejects(openStore({ path: file }), /is not a SQLite database/);
  });

  test('rejects a folder as the database', async () => {
    await assert.rejects(openStore({ path: dir }), /it is a folder\. Pass the path of a database/);
  });

  test('new database gets 16 KiB pages', async () => {
    const file = path.join(dir, 'pages.db');
    await (await openStore({ path: file })).close();
    assert.equal(pageSizeOf(file), 16_384);
  });

  test('existing database keeps its page size', async () => {
    const file = path.join(dir, 'small-pages.db');
    await (await openStore({ path: `${file}.tmp` })).close();
    // A casebook database written with SQLite's default 4 KiB pages, as earlier versions did.
    const source = new BetterSqlite3(`${file}.tmp`, { readonly: true });
    source.exec(`VACUUM INTO '${file}'`);
    source.close();
    const converted = new BetterSqlite3(file);
    converted.pragma('journal_mode = DELETE');
    converted.pragma('page_size = 4096');
    converted.exec('VACUUM');
    converted.close();

    await (await openStore({ path: file })).close();
    assert.equal(pageSizeOf(file), 4096);
  });

  test('opens its own database again', async () => {
    const file = path.join(dir, 'own.db');
    await (await openStore({ path: file })).close();
    const store = await openStore({ path: file });
    await store.close();
  });
});
