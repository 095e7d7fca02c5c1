import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { databaseFor, TEST_BACKEND } from '../database.js';
import { importArchives } from '../../src/ingest/index.js';
import { findCase, openStore, writeSetting, type Store } from '../../src/store/index.js';
import { loadQuestions, MemorySearch, planQuery, snapshotPath } from '../../src/search/index.js';
import { snapshotTokenKey } from '../../src/search/memory/snapshot.js';
import { countStoredCases } from '../../src/store/case-count.js';
import { dataPath } from '../../src/shared/paths.js';
import { SAMPLE, tempDir } from '../helpers.js';

const QUESTIONS = loadQuestions(dataPath('eval', 'sample-questions.yaml')).map((q) => q.question);
const SQLITE_ONLY = { skip: TEST_BACKEND !== 'sqlite' && 'the default file is for SQLite' };

type ReadResult = { used: true } | { used: false; reason: string };

/** Loads the index with its snapshot and returns it with the load's verdict on the file. */
async function loadWithSnapshot(store: Store, file: string) {
  const reads: ReadResult[] = [];
  const search = await MemorySearch.load(store, {
    snapshot: file,
    onSnapshotRead: (result) => reads.push(result),
    onSnapshotFailed: (error) => assert.fail(String(error)),
  });
  await search.snapshotSaved();
  return { search, read: reads[0] };
}

/** Lists the best ten candidates of each sample question. */
async function rankings(store: Store, search: MemorySearch) {
  const total = await countStoredCases(store);
  const result = [];
  for (const question of QUESTIONS) {
    result.push(await search.findCandidates(await planQuery(store.sql, question, total), 10));
  }
  return result;
}

describe('search index snapshot', () => {
  const { dir, cleanup } = tempDir();
  const location = databaseFor(dir);
  // A PostgreSQL instance keeps its snapshot where `casebook serve --index-snapshot` says.
  const file =
    TEST_BACKEND === 'sqlite' ? `${location}.search-index` : path.join(dir, 'cases.search-index');
  let store: Store;

  before(async () => {
    store = await openStore({ path: location });
    await importArchives(store, [SAMPLE]);
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('lies beside the database file', SQLITE_ONLY, () => {
    assert.equal(snapshotPath(store), file);
  });

  test('lies in a given file', () => {
    assert.equal(
      snapshotPath(store, path.join(dir, 'other.search-index')),
      path.join(dir, 'other.search-index'),
    );
  });

  test('keeps one token per file', () => {
    assert.notEqual(snapshotTokenKey(file), snapshotTokenKey(path.join(dir, 'other.search-index')));
  });

  test('restores what the build made', async () => {
    const built = await loadWithSnapshot(store, file);
    assert.deepEqual(built.read, { used: false, reason: 'no snapshot file' });
    assert.ok(existsSync(file));

    const restored = await loadWithSnapshot(store, file);
    assert.deepEqual(restored.read, { used: true });
    assert.equal(restored.search.size, 95);
    assert.deepEqual(await rankings(store, restored.search), await rankings(store, built.search));
  });

  test('catches up with later changes', async () => {
    await loadWithSnapshot(store, file);
    const changed = readFileSync(SAMPLE, 'utf8').replace('查不到呢', '查不到雪豹实例');
    writeFileSync(path.join(dir, 'support-records-part14.md'), changed);
    await importArchives(store, [path.join(dir, 'support-records-part14.md')]);

    const { search, read } = await loadWithSnapshot(store, file);
    assert.deepEqual(read, { used: true });
    const plan = await planQuery(store.sql, '雪豹', await countStoredCases(store));
    const found = await search.findCandidates(plan, 5);
    const q4 = await findCase(store, 'support-records-part14.md', 'Q4');
    assert.deepEqual(
      found?.map((candidate) => candidate.id),
      [q4?.id],
    );
  });

  test('ignores a snapshot of another database', async () => {
    await loadWithSnapshot(store, file);
    await writeSetting(store, snapshotTokenKey(file), 'another');
    const { search, read } = await loadWithSnapshot(store, file);
    assert.deepEqual(read, {
      used: false,
      reason: 'made from another database, a copy of it, or for another instance or file',
    });
    assert.equal(search.size, 95);
  });

  test('ignores a truncated file', async () => {
    await loadWithSnapshot(store, file);
    truncateSync(file, 1000);
    const { search, read } = await loadWithSnapshot(store, file);
    assert.deepEqual(read, { used: false, reason: 'damaged contents' });
    assert.equal(search.size, 95);
  });

  test('ignores a changed byte', async () => {
    await loadWithSnapshot(store, file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100]! ^= 0xff;
    writeFileSync(file, bytes);
    const { search, read } = await loadWithSnapshot(store, file);
    assert.deepEqual(read, { used: false, reason: 'damaged contents' });
    assert.equal(search.size, 95);
  });
});
