import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFingerprint } from '../../src/store/model-fingerprint.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore } from '../database.js';
import { tempDir } from '../helpers.js';

describe('modelFingerprint', () => {
  const { dir, cleanup } = tempDir();
  let store: Store;

  before(async () => {
    store = await openTestStore(dir);
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  async function setCategory(label: string, documents: number, tokens: number) {
    await store.sql.run(
      `INSERT INTO categories (label, product, type, documents, tokens) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (label) DO UPDATE SET documents = excluded.documents, tokens = excluded.tokens`,
      [label, label.split('｜')[0], label.split('｜')[1], documents, tokens],
    );
  }

  test('large counts do not overflow', async () => {
    // 3,000,000 tokens squared is far beyond PostgreSQL's 32-bit integer.
    await setCategory('对象存储｜上传下载', 40_000, 3_000_000);
    await setCategory('CDN｜配置问题', 20_000, 1_000_000);
    const fingerprint = JSON.parse(await modelFingerprint(store));
    assert.equal(Number(fingerprint.tokens2), 3_000_000 ** 2 + 1_000_000 ** 2);
  });

  test('moving a case changes it', async () => {
    const before = await modelFingerprint(store);
    await setCategory('对象存储｜上传下载', 39_999, 2_999_900);
    await setCategory('CDN｜配置问题', 20_001, 1_000_100);
    assert.notEqual(await modelFingerprint(store), before);
  });
});
