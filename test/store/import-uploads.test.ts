import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { deleteStaleUploads, deleteUploads, saveUploads } from '../../src/store/import-uploads.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

// A phone number as an upload carries it, in a small file and in one that spills over pages.
const MARKER = '客户电话13912345678';

function uploads(): Array<{ name: string; content: Buffer }> {
  return [
    { name: 'small.md', content: Buffer.from(`## Q1: 测试\n${MARKER}\n`) },
    { name: 'large.md', content: Buffer.from(`${MARKER}\n`.repeat(20_000)) },
  ];
}

// Returns the bytes of the database file and of its write-ahead log, if there is one.
function fileBytes(file: string): Buffer {
  const parts = [file, `${file}-wal`].filter((part) => existsSync(part));
  return Buffer.concat(parts.map((part) => readFileSync(part)));
}

describe('import uploads on SQLite', () => {
  it('leave no bytes once deleted', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'uploads.db');
      const store = await openStore({ path: file });
      await saveUploads(store, 'batch-1', uploads());
      assert.equal(await deleteUploads(store, 'batch-1'), 2);
      await store.close();

      assert.equal(fileBytes(file).includes(Buffer.from(MARKER)), false);
    } finally {
      cleanup();
    }
  });

  it('leave no bytes once swept as stale', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'uploads.db');
      const store = await openStore({ path: file });
      await saveUploads(store, 'batch-1', uploads());
      assert.equal(await deleteStaleUploads(store, '9999-01-01T00:00:00.000Z'), 2);
      // The log is checked while the store is open: closing it would checkpoint anyway.
      assert.equal(fileBytes(file).includes(Buffer.from(MARKER)), false);
      await store.close();
    } finally {
      cleanup();
    }
  });
});
