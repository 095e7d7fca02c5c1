import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleDatabase } from '../database.js';
import { readCaseTexts, readCaseTextsAfter } from '../../src/search/memory/case-text.js';

describe('stored case texts', () => {
  const sample = sampleDatabase();

  test('scattered ids get their own turns', async () => {
    const all = await readCaseTextsAfter(sample.store.sql, 0, 1000);
    const first = all[0]!;
    const last = all[all.length - 1]!;

    const texts = await readCaseTexts(sample.store.sql, [last.id, first.id, 1_000_000]);

    assert.deepEqual(
      texts.map((text) => text.id),
      [first.id, last.id],
    );
    assert.deepEqual(texts[0], first);
    assert.deepEqual(texts[1], last);
  });

  test('internal notes are left out', async () => {
    const [text] = await readCaseTextsAfter(sample.store.sql, 0, 1);
    await sample.store.sql.run(
      'INSERT INTO messages (case_id, seq, role, text, internal) VALUES (?, ?, ?, ?, 1)',
      [text!.id, 999, 'agent', '内部备注'],
    );

    const [reread] = await readCaseTexts(sample.store.sql, [text!.id]);

    assert.deepEqual(reread!.turns, text!.turns);
  });
});
