import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore, StoreError } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

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

  test('opens its own database again', async () => {
    const file = path.join(dir, 'own.db');
    await (await openStore({ path: file })).close();
    const store = await openStore({ path: file });
    await store.close();
  });
});
