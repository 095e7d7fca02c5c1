import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importArchives, parseArchive } from '../../src/ingest/index.js';
import { countCases, findCase, type Store } from '../../src/store/index.js';
import { openTestStore } from '../database.js';
import { SAMPLE, fixture, tempDir } from '../helpers.js';

describe('import format detection', () => {
  const { dir, cleanup } = tempDir();
  let store: Store;

  before(async () => {
    store = await openTestStore(dir, 'cases.db');
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('archive named .txt imports as archive', async () => {
    const file = path.join(dir, 'support-records-part14.txt');
    copyFileSync(SAMPLE, file);
    const summary = await importArchives(store, [file]);
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.imported, 95);

    const stored = await findCase(store, 'support-records-part14.txt', 'Q1');
    const original = parseArchive(readFileSync(SAMPLE, 'utf8'), SAMPLE).records[0];
    assert.equal(stored?.title, original?.title);
    assert.equal(stored?.product, original?.product);
  });

  test('archive without extension imports as archive', async () => {
    const file = path.join(dir, 'part14-backup');
    copyFileSync(SAMPLE, file);
    const summary = await importArchives(store, [file]);
    assert.deepEqual(summary.errors, []);
    assert.equal(summary.imported, 95);
  });

  test('transcripts under other names stay transcripts', async () => {
    const files = [
      ['chats.jsonl', 'chats.export'],
      ['messages.csv', 'messages.data'],
      ['chat-log.txt', 'chat-log'],
    ].map(([from, to]) => {
      const file = path.join(dir, to!);
      copyFileSync(fixture('transcripts', from!), file);
      return file;
    });
    const summary = await importArchives(store, files);
    assert.deepEqual(summary.errors, []);
    assert.ok(summary.imported >= 6, `imported ${summary.imported}`);
    assert.ok(await findCase(store, 'chats.export', 'T-c-1001'));
  });

  test('broken archive under .txt gets archive errors', async () => {
    const file = path.join(dir, 'broken.txt');
    const text = readFileSync(SAMPLE, 'utf8').replace('**问题分类**: 账户与财务｜账户问题\n', '');
    writeFileSync(file, text);
    const summary = await importArchives(store, [file]);
    assert.equal(summary.errors[0]?.code, 'missing-category');
    assert.match(summary.errors[0]?.message ?? '', /^.*broken\.txt:\d+: /);
  });

  test('unclear Markdown suggests .md', async () => {
    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, '# 客户支持问题处理记录\n\n本文档没有记录。\n');
    const before = await countCases(store);
    const summary = await importArchives(store, [file]);
    assert.equal(summary.errors.length, 1);
    assert.equal(summary.errors[0]?.code, 'unknown-format');
    assert.equal(summary.errors[0]?.line, 1);
    assert.match(summary.errors[0]?.message ?? '', /notes\.txt:1: .*\.md extension/);
    assert.equal(await countCases(store), before);
  });
});

describe('import rejection counts', () => {
  const { dir, cleanup } = tempDir();
  let store: Store;
  const files: Record<string, string> = {};

  before(async () => {
    store = await openTestStore(dir, 'cases.db');
    files.empty = path.join(dir, 'empty.md');
    writeFileSync(files.empty, '\n\n');
    files.emptyJsonl = path.join(dir, 'empty.jsonl');
    writeFileSync(files.emptyJsonl, '');
    // "上传失败" (upload failed) in GBK.
    files.gbk = path.join(dir, 'gbk.txt');
    writeFileSync(files.gbk, Buffer.from([0xc9, 0xcf, 0xb4, 0xab, 0xca, 0xa7, 0xb0, 0xdc]));
    files.missing = path.join(dir, 'missing.md');
    files.unknown = path.join(dir, 'unknown.dat');
    writeFileSync(files.unknown, 'hello\n');
    files.badRecord = path.join(dir, 'bad-record.md');
    const sample = readFileSync(SAMPLE, 'utf8');
    writeFileSync(files.badRecord, sample.replace('**问题分类**: 账户与财务｜账户问题\n', ''));
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  const wholeFile = [
    ['empty', 'empty-file'],
    ['emptyJsonl', 'empty-file'],
    ['gbk', 'invalid-encoding'],
    ['missing', 'unreadable-file'],
    ['unknown', 'unknown-format'],
  ] as const;
  for (const [key, code] of wholeFile) {
    test(`${key} file counts as rejected file`, async () => {
      const summary = await importArchives(store, [files[key]!]);
      assert.equal(summary.rejected, 0);
      assert.equal(summary.rejectedFileCount, 1);
      assert.deepEqual(summary.rejectedFiles, [files[key]]);
      assert.deepEqual(
        summary.errors.map((error) => error.code),
        [code],
      );
    });
  }

  test('bad record counts valid cases held back', async () => {
    const summary = await importArchives(store, [files.badRecord!]);
    assert.equal(summary.rejected, 94);
    assert.equal(summary.rejectedFileCount, 1);
    assert.deepEqual(summary.rejectedFiles, [files.badRecord]);
  });

  test('counts add up over several files', async () => {
    const all = [files.empty!, files.gbk!, files.badRecord!, SAMPLE];
    const summary = await importArchives(store, all);
    assert.equal(summary.imported, 95);
    assert.equal(summary.rejected, 94);
    assert.equal(summary.rejectedFileCount, 3);
    assert.deepEqual(summary.rejectedFiles, [files.empty, files.gbk, files.badRecord]);
    assert.equal(await countCases(store), 95);
  });

  test('skip-invalid leaves whole-file failures rejected', async () => {
    const summary = await importArchives(store, [files.gbk!, files.badRecord!], {
      skipInvalid: true,
    });
    assert.equal(summary.rejectedFileCount, 1);
    assert.deepEqual(summary.rejectedFiles, [files.gbk]);
    assert.equal(summary.rejected, 0);
    assert.deepEqual(summary.skipped, [{ file: files.badRecord, refs: ['Q1'] }]);
  });
});
