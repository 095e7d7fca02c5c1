import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { StoreError } from '../../src/store/index.js';
import { describeLocation, isPostgresUrl, parsePostgresUrl } from '../../src/store/location.js';
import { captureIO, tempDir } from '../helpers.js';

const SECRET = 'S3cretLeak';

describe('database locations', () => {
  test('mistyped URL still counts as PostgreSQL', () => {
    assert.equal(isPostgresUrl(`postgres:/casebook:${SECRET}@127.0.0.1/db`), true);
    assert.equal(isPostgresUrl('postgresql://127.0.0.1/db'), true);
    assert.equal(isPostgresUrl('./postgres.db'), false);
  });

  test('description hides the password', () => {
    const url = `postgres://casebook:${SECRET}@127.0.0.1:5432/db`;
    assert.equal(describeLocation(url), 'postgres://casebook:***@127.0.0.1:5432/db');
    assert.doesNotMatch(describeLocation(`postgres://casebook:${SECRET}@h:bad/db`), /S3cret/);
  });

  for (const url of [
    `postgres://casebook:${SECRET}@127.0.0.1:notaport/x`,
    `postgres:/casebook:${SECRET}@127.0.0.1:5432/db`,
    `postgres://casebook:${SECRET}%ZZ@127.0.0.1:5432/db`,
  ]) {
    test(`invalid URL is rejected: ${url.replace(SECRET, 'PW')}`, () => {
      assert.throws(
        () => parsePostgresUrl(url),
        (error: unknown) =>
          error instanceof StoreError &&
          error.code === 'invalid-database-url' &&
          !error.message.includes(SECRET) &&
          error.message.includes('postgres://USER:PASSWORD@HOST:PORT/DATABASE'),
      );
    });
  }

  test('mistyped URL creates no file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const io = captureIO({ cwd: dir });
      const url = `postgres:/casebook:${SECRET}@127.0.0.1:5432/db`;
      const code = await runCli(['--db', url, 'stats'], io);
      assert.equal(code, 1);
      assert.match(io.errors(), /Invalid PostgreSQL URL/);
      assert.doesNotMatch(io.errors(), /S3cret/);
      assert.equal(existsSync(path.join(dir, 'postgres:')), false);
    } finally {
      cleanup();
    }
  });
});
