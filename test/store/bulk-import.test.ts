import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openTestStore, TEST_BACKEND } from '../database.js';
import { importArchives } from '../../src/ingest/index.js';
import { openStore, StoreError, type Store } from '../../src/store/index.js';
import { SAMPLE, tempDir } from '../helpers.js';

const SQLITE_ONLY = { skip: TEST_BACKEND !== 'sqlite' && 'journal modes are SQLite only' };

/** Reads the imported content of a store, without the times of the import. */
async function contents(store: Store) {
  return {
    cases: await store.sql.all(
      `SELECT s.name, c.ref, c.title, c.product, c.type, c.content_hash
       FROM cases c JOIN sources s ON s.id = c.source_id ORDER BY s.name, c.ref`,
    ),
    messages: await store.sql.get('SELECT COUNT(*) AS n FROM messages'),
    termStats: await store.sql.all('SELECT term, documents FROM term_stats ORDER BY term'),
    categoryTerms: await store.sql.all(
      'SELECT label, term, count FROM category_terms ORDER BY label, term',
    ),
  };
}

function journalMode(store: Store): unknown {
  return store.sqlite!.pragma('journal_mode', { simple: true });
}

describe('bulk import', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);

  test('matches a plain import', async () => {
    const plain = await openTestStore(dir, 'plain.db');
    const bulk = await openTestStore(dir, 'bulk.db');
    try {
      const plainSummary = await importArchives(plain, [SAMPLE], { bulk: false });
      const bulkSummary = await importArchives(bulk, [SAMPLE], { bulk: true });
      assert.deepEqual(bulkSummary, plainSummary);
      assert.equal(bulkSummary.imported, 95);
      assert.deepEqual(await contents(bulk), await contents(plain));

      const again = await importArchives(bulk, [SAMPLE], { bulk: true });
      assert.equal(again.unchanged, 95);
    } finally {
      await plain.close();
      await bulk.close();
    }
  });

  test('uses a rollback journal, then WAL', SQLITE_ONLY, async () => {
    const store = await openTestStore(dir, 'journal.db');
    try {
      let during: unknown;
      await store.sql.transaction(
        async (sql) => {
          during = journalMode(store);
          await sql.run("INSERT INTO settings (key, value) VALUES ('probe', '1')");
        },
        { bulk: true },
      );
      assert.equal(during, 'delete');
      assert.equal(journalMode(store), 'wal');
      assert.equal(existsSync(path.join(dir, 'journal.db-journal')), false);
    } finally {
      await store.close();
    }
  });

  test('rolls back a failed transaction', SQLITE_ONLY, async () => {
    const store = await openTestStore(dir, 'failed.db');
    try {
      await assert.rejects(
        store.sql.transaction(
          async (sql) => {
            await sql.run("INSERT INTO settings (key, value) VALUES ('probe', '1')");
            throw new Error('stop');
          },
          { bulk: true },
        ),
        /stop/,
      );
      assert.equal(
        await store.sql.get("SELECT value FROM settings WHERE key = 'probe'"),
        undefined,
      );
      assert.equal(journalMode(store), 'wal');
    } finally {
      await store.close();
    }
  });

  test('keeps WAL beside another connection', SQLITE_ONLY, async () => {
    const store = await openTestStore(dir, 'shared.db');
    const reader = new BetterSqlite3(path.join(dir, 'shared.db'));
    try {
      reader.prepare('SELECT COUNT(*) FROM cases').get();
      const summary = await importArchives(store, [SAMPLE], { bulk: true });
      assert.equal(summary.imported, 95);
      assert.equal(journalMode(store), 'wal');
      assert.deepEqual(reader.prepare('SELECT COUNT(*) AS n FROM cases').get(), { n: 95 });
    } finally {
      reader.close();
      await store.close();
    }
  });

  test('reports the file locked meanwhile', SQLITE_ONLY, async () => {
    const file = path.join(dir, 'locked.db');
    const store = await openStore({ path: file });
    try {
      await store.sql.transaction(
        async () => {
          const opening = openStore({ path: file });
          await assert.rejects(opening, (error: unknown) => {
            assert.ok(error instanceof StoreError);
            assert.match(error.message, /locked\.db is locked by another casebook process/);
            return true;
          });
        },
        { bulk: true },
      );
    } finally {
      await store.close();
    }
  });
});
