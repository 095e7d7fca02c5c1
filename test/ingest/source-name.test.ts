import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importArchives, storedSourceName, withStoredNames } from '../../src/ingest/index.js';
import { openTestStore } from '../database.js';
import { SAMPLE, tempDir } from '../helpers.js';

describe('stored source names', () => {
  it('keeps a name without personal data', () => {
    assert.equal(storedSourceName('support-records-part14.md'), 'support-records-part14.md');
    assert.equal(storedSourceName('conv.csv'), 'conv.csv');
  });

  it('replaces personal data and keeps names apart by a digest', () => {
    const first = storedSourceName('chat-张伟-13912345678.txt');
    assert.match(first, /^chat-\[NAME_1\]-\[PHONE_1\]-h[0-9a-f]{8}\.txt$/);
    assert.equal(storedSourceName('chat-张伟-13912345678.txt'), first);
    const second = storedSourceName('chat-李娜-13800138000.txt');
    assert.notEqual(second, first);
    assert.equal(storedSourceName(first), first);
  });

  it('keeps an extension that an address took in', () => {
    const stored = storedSourceName('客户 zhang.wei@example.com.md');
    assert.match(stored, /^客户 \[EMAIL_1\]-h[0-9a-f]{8}\.md$/);
    assert.doesNotMatch(storedSourceName('report.13912345678'), /13912345678/);
  });

  it('replaces the names quoted in an import summary', () => {
    const summary = {
      errors: [{ file: '/in/客户张伟13912345678.md', message: '客户张伟13912345678.md:3: …' }],
    };
    const stored = withStoredNames(['/in/客户张伟13912345678.md'], summary);
    assert.doesNotMatch(JSON.stringify(stored), /13912345678/);
    assert.equal(stored.files[0], `/in/${storedSourceName('客户张伟13912345678.md')}`);
  });

  it('redacts a home folder in a stored path', () => {
    const file = '/home/zhangwei/cases/part14.md';
    const summary = { errors: [{ file, message: `${file}:3: missing category line` }] };
    const stored = withStoredNames([file], summary);
    assert.deepEqual(stored.files, ['/home/[USER_1]/cases/part14.md']);
    assert.doesNotMatch(JSON.stringify(stored.summary), /zhangwei/);
  });

  it('stores the cases of such a file under the stored name, once', async () => {
    const { dir, cleanup } = tempDir();
    const file = join(dir, '客户张伟13912345678.md');
    copyFileSync(SAMPLE, file);
    const store = await openTestStore(dir, 'cases.db');
    try {
      assert.equal((await importArchives(store, [file])).imported, 95);
      assert.equal((await importArchives(store, [file])).unchanged, 95);
      const sources = await store.db.selectFrom('sources').select('name').execute();
      assert.deepEqual(
        sources.map((row) => row.name),
        [storedSourceName('客户张伟13912345678.md')],
      );
    } finally {
      await store.close();
      cleanup();
    }
  });
});
