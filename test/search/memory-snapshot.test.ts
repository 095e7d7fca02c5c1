import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleDatabase, TEST_BACKEND } from '../database.js';
import { importArchives } from '../../src/ingest/index.js';
import { findCase, writeSetting, type Store } from '../../src/store/index.js';
import { loadQuestions, MemorySearch, planQuery, snapshotPath } from '../../src/search/index.js';
import { snapshotTokenKey } from '../../src/search/memory/snapshot.js';
import { countStoredCases } from '../../src/store/case-count.js';
import { dataPath } from '../../src/shared/paths.js';
import { SAMPLE } from '../helpers.js';

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
  const sample = sampleDatabase();
  // A PostgreSQL instance keeps its snapshot in the file that `serve --index-snapshot` names.
  const file =
    TEST_BACKEND === 'sqlite'
      ? `${sample.location}.search-index`
      : path.join(sample.dir, 'cases.search-index');

  test('lies beside the database file', SQLITE_ONLY, () => {
    assert.equal(snapshotPath(sample.store), file);
  });

  test('lies in a given file', () => {
    assert.equal(
      snapshotPath(sample.store, path.join(sample.dir, 'other.search-index')),
      path.join(sample.dir, 'other.search-index'),
    );
  });

  test('keeps one token per file', () => {
    assert.notEqual(
      snapshotTokenKey(file),
      snapshotTokenKey(path.join(sample.dir, 'other.search-index')),
    );
  });

  test('restores what the build made', async () => {
    const built = await loadWithSnapshot(sample.store, file);
    assert.deepEqual(built.read, { used: false, reason: 'no snapshot file' });
    assert.ok(existsSync(file));

    const restored = await loadWithSnapshot(sample.store, file);
    assert.deepEqual(restored.read, { used: true });
    assert.equal(restored.search.size, 95);
    assert.deepEqual(
      await rankings(sample.store, restored.search),
      await rankings(sample.store, built.search),
    );
  });

  test('catches up with later changes', async () => {
    await loadWithSnapshot(sample.store, file);
    const changed = readFileSync(SAMPLE, 'utf8').replace('查不到呢', '查不到雪豹实例');
    writeFileSync(path.join(sample.dir, 'support-records-part14.md'), changed);
    await importArchives(sample.store, [path.join(sample.dir, 'support-records-part14.md')]);

    const { search, read } = await loadWithSnapshot(sample.store, file);
    assert.deepEqual(read, { used: true });
    const plan = await planQuery(sample.store.sql, '雪豹', await countStoredCases(sample.store));
    const found = await search.findCandidates(plan, 5);
    const q4 = await findCase(sample.store, 'support-records-part14.md', 'Q4');
    assert.deepEqual(
      found?.map((candidate) => candidate.id),
      [q4?.id],
    );
  });

  test('ignores a snapshot of another database', async () => {
    await loadWithSnapshot(sample.store, file);
    await writeSetting(sample.store, snapshotTokenKey(file), 'another');
    const { search, read } = await loadWithSnapshot(sample.store, file);
    assert.deepEqual(read, {
      used: false,
      reason: 'made from another database, a copy of it, or for another instance or file',
    });
    assert.equal(search.size, 95);
  });

  test('ignores a truncated file', async () => {
    await loadWithSnapshot(sample.store, file);
    truncateSync(file, 1000);
    const { search, read } = await loadWithSnapshot(sample.store, file);
    assert.deepEqual(read, { used: false, reason: 'damaged contents' });
    assert.equal(search.size, 95);
  });

  test('ignores a changed byte', async () => {
    await loadWithSnapshot(sample.store, file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100]! ^= 0xff;
    writeFileSync(file, bytes);
    const { search, read } = await loadWithSnapshot(sample.store, file);
    assert.deepEqual(read, { used: false, reason: 'damaged contents' });
    assert.equal(search.size, 95);
  });
});
