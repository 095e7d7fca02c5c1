import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseFor } from '../database.js';
import { importArchives } from '../../src/ingest/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { readCaseTexts, readCaseTextsAfter } from '../../src/search/memory/case-text.js';
import { SAMPLE, tempDir } from '../helpers.js';

describe('stored case texts', () => {
  const { dir, cleanup } = tempDir();
  const location = databaseFor(dir);
  let store: Store;

  before(async () => {
    store = await openStore({ path: location });
    await importArchives(store, [SAMPLE]);
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('scattered ids get their own turns', async () => {
    const all = await readCaseTextsAfter(store.sql, 0, 1000);
    const first = all[0]!;
    const last = all[all.length - 1]!;

    const texts = await readCaseTexts(store.sql, [last.id, first.id, 1_000_000]);

    assert.deepEqual(
      texts.map((text) => text.id),
      [first.id, last.id],
    );
    assert.deepEqual(texts[0], first);
    assert.deepEqual(texts[1], last);
  });

  test('internal notes are left out', async () => {
    const [text] = await readCaseTextsAfter(store.sql, 0, 1);
    await store.sql.run(
      'INSERT INTO messages (case_id, seq, role, text, internal) VALUES (?, ?, ?, ?, 1)',
      [text!.id, 999, 'agent', '内部备注'],
    );

    const [reread] = await readCaseTexts(store.sql, [text!.id]);

    assert.deepEqual(reread!.turns, text!.turns);
  });
});
