import { after, before, describe, test } from 'node:test';
import { openTestStore } from '../database.js';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importArchives, parseArchive } from '../../src/ingest/index.js';
import { countCases, findCase, type Store } from '../../src/store/index.js';
import { exportedHeader } from '../../src/store/case-export.js';
import { loadSourceHeader } from '../../src/store/source-header.js';
import { SAMPLE, tempDir } from '../helpers.js';
import { HEADER_LINES, archiveText, recordLines } from '../ingest/archive-text.js';

describe('archive import', () => {
  const { dir, cleanup } = tempDir();
  let store: Store;

  before(async () => {
    store = await openTestStore(dir, 'cases.db');
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('sample imports 95 cases', async () => {
    const summary = await importArchives(store, [SAMPLE]);
    assert.equal(summary.imported, 95);
    assert.equal(summary.updated, 0);
    assert.deepEqual(summary.errors, []);
    assert.equal(await countCases(store), 95);
  });

  test('second import changes nothing', async () => {
    const summary = await importArchives(store, [SAMPLE]);
    assert.equal(summary.imported, 0);
    assert.equal(summary.updated, 0);
    assert.equal(summary.unchanged, 95);
    assert.equal(await countCases(store), 95);
  });

  test('changed record updates in place', async () => {
    const before = await findCase(store, 'support-records-part14.md', 'Q4');
    const changed = readFileSync(SAMPLE, 'utf8').replace('查不到呢', '查不到实例');
    const file = path.join(dir, 'support-records-part14.md');
    writeFileSync(file, changed);

    const summary = await importArchives(store, [file]);
    assert.equal(summary.updated, 1);
    assert.equal(summary.unchanged, 94);
    const after = await findCase(store, 'support-records-part14.md', 'Q4');
    assert.equal(after?.id, before?.id);
    assert.match(after?.title ?? '', /查不到实例/);
  });

  test('stored text has no IPv4 address', async () => {
    const rows = (await store.sql.all('SELECT text FROM messages')) as Array<{ text: string }>;
    const ipv4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/;
    const leaked = rows.filter((row) => ipv4.test(row.text));
    assert.equal(leaked.length, 0, leaked.map((row) => row.text.slice(0, 80)).join('\n'));
  });

  test('file with errors is rejected whole', async () => {
    const broken = path.join(dir, 'broken.md');
    writeFileSync(
      broken,
      readFileSync(SAMPLE, 'utf8').replace('**问题分类**: 账户与财务｜账户问题\n', ''),
    );
    const summary = await importArchives(store, [broken]);
    assert.equal(summary.imported, 0);
    assert.ok(summary.rejected > 0);
    assert.deepEqual(summary.rejectedFiles, [broken]);
    assert.equal(summary.errors[0]?.code, 'missing-category');
    assert.equal(await countCases(store), 95);
  });

  test('skip-invalid imports the valid records', async () => {
    const broken = path.join(dir, 'broken.md');
    const parsed = parseArchive(readFileSync(broken, 'utf8'), broken);
    const summary = await importArchives(store, [broken], { skipInvalid: true });
    assert.equal(summary.imported, parsed.records.length);
    assert.equal(summary.skipped[0]?.refs.length, parsed.invalidRefs.length);
    assert.ok(parsed.invalidRefs.length >= 1);
  });

  test('skip-invalid skips a damaged record', async () => {
    const damaged = path.join(dir, 'damaged.md');
    const sample = readFileSync(SAMPLE);
    const at = sample.indexOf('**客户**', sample.indexOf('## Q3:'));
    const cut = Buffer.from('理', 'utf8').subarray(0, 2);
    writeFileSync(damaged, Buffer.concat([sample.subarray(0, at), cut, sample.subarray(at)]));

    const rejected = await importArchives(store, [damaged]);
    assert.deepEqual(rejected.rejectedFiles, [damaged]);
    assert.equal(rejected.errors[0]?.code, 'damaged-text');

    const summary = await importArchives(store, [damaged], { skipInvalid: true });
    assert.deepEqual(summary.skipped, [{ file: damaged, refs: ['Q3'] }]);
    assert.equal(summary.imported + summary.unchanged + summary.updated, 94);
  });

  test('skip-invalid rejects file without cases', async () => {
    // A CSV transcript without its role column has errors and no record to import.
    const csv = path.join(dir, 'no-role.csv');
    writeFileSync(csv, 'id,text\nc1,你好\n');
    const summary = await importArchives(store, [csv], { skipInvalid: true });
    assert.deepEqual(summary.rejectedFiles, [csv]);
    assert.deepEqual(summary.skipped, []);
    const source = await store.sql.get('SELECT id FROM sources WHERE name = ?', ['no-role.csv']);
    assert.equal(source, undefined);
  });

  test('unreadable file is reported', async () => {
    const missing = path.join(dir, 'missing.md');
    const summary = await importArchives(store, [missing]);
    assert.equal(summary.errors[0]?.code, 'unreadable-file');
    assert.deepEqual(summary.rejectedFiles, [missing]);
  });
});

describe('import errors', () => {
  test('quoted input is redacted', async () => {
    const { dir, cleanup } = tempDir();
    const store = await openTestStore(dir, 'errors.db');
    const file = path.join(dir, 'leak.md');
    writeFileSync(file, '# t (Part 1)\n\n**客户**：我的手机13912345678\n');

    const summary = await importArchives(store, [file]);
    await store.close();
    cleanup();
    assert.equal(summary.errors[0]?.code, 'turn-outside-record');
    assert.doesNotMatch(summary.errors[0]?.message ?? '', /13912345678/);
    assert.match(summary.errors[0]?.message ?? '', /\[PHONE_1\]/);
  });

  test('two files of one name are refused', async () => {
    const { dir, cleanup } = tempDir();
    const first = path.join(dir, 'a', 'part.md');
    const second = path.join(dir, 'b', 'part.md');
    mkdirSync(path.dirname(first));
    mkdirSync(path.dirname(second));
    writeFileSync(first, archiveText([...HEADER_LINES, ...recordLines('Q1')]));
    writeFileSync(
      second,
      archiveText([...HEADER_LINES, ...recordLines('Q1'), ...recordLines('Q2')]),
    );
    const store = await openTestStore(dir, 'names.db');
    const summary = await importArchives(store, [first, second]);
    const stored = await countCases(store);
    await store.close();
    cleanup();

    assert.equal(summary.errors[0]?.code, 'duplicate-source-name');
    assert.equal(summary.errors[0]?.file, second);
    assert.deepEqual(summary.rejectedFiles, [second]);
    assert.equal(summary.imported, 1);
    assert.equal(stored, 1);
  });

  test('copy under another name warns', async () => {
    const { dir, cleanup } = tempDir();
    const copy = path.join(dir, 'backup.md');
    writeFileSync(copy, readFileSync(SAMPLE, 'utf8'));
    const store = await openTestStore(dir, 'copy.db');
    const first = await importArchives(store, [SAMPLE]);
    const second = await importArchives(store, [copy]);
    const again = await importArchives(store, [copy]);
    // A third copy whose name sorts first is still named after the source stored first.
    const earlier = path.join(dir, 'a-copy.md');
    writeFileSync(earlier, readFileSync(SAMPLE, 'utf8'));
    const third = await importArchives(store, [earlier]);
    await store.close();
    cleanup();

    assert.match(
      third.warnings[0]?.message ?? '',
      /header is that of source "support-records-part14\.md"/,
    );
    assert.deepEqual(first.warnings, []);
    assert.equal(second.imported, 95);
    assert.equal(second.warnings.length, 1);
    assert.equal(second.warnings[0]?.file, copy);
    assert.match(
      second.warnings[0]?.message ?? '',
      /header is that of source "support-records-part14\.md"/,
    );
    assert.deepEqual(again.warnings, []);
  });

  test('category remark with contact data is dropped', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'remark.md');
    const category = '**问题分类**: CDN｜证书问题（联系人：赵雅琴 138-1122-3344）';
    writeFileSync(file, archiveText([...HEADER_LINES, ...recordLines('Q1', { category })]));

    const store = await openTestStore(dir, 'remark.db');
    const summary = await importArchives(store, [file]);
    const again = await importArchives(store, [file]);
    const stored = await findCase(store, 'remark.md', 'Q1');
    await store.close();
    cleanup();

    assert.equal(stored?.product, 'CDN');
    assert.equal(stored?.type, '证书问题');
    assert.deepEqual(summary.redactions, { NAME: 1, PHONE: 1 });
    assert.equal(again.unchanged, 1);
  });

  test('archive header is redacted', async () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'exported-by-li.md');
    const text = readFileSync(SAMPLE, 'utf8').replace(
      '本文档包含 95 个客户支持问题的结构化记录。',
      '导出人电话 13912345678，邮箱 li.ming@example.com。',
    );
    writeFileSync(file, text);

    const store = await openTestStore(dir, 'header.db');
    const summary = await importArchives(store, [file]);
    const again = await importArchives(store, [file]);
    const header = await loadSourceHeader(store.sql, 'exported-by-li.md');
    // A header stored before imports redacted it is redacted on the way out.
    await store.sql.run('UPDATE sources SET preamble = ?', ['导出人电话 13912345678']);
    const exported = await exportedHeader(store, 'exported-by-li.md');
    await store.close();
    cleanup();

    assert.doesNotMatch(header?.preamble ?? '', /13912345678|li\.ming@example\.com/);
    assert.match(header?.preamble ?? '', /\[PHONE_1\].*\[EMAIL_1\]/);
    assert.equal(header?.title, '客户支持问题处理记录 (Part 14)');
    assert.equal(header?.part, '14');
    assert.equal(exported.preamble, '导出人电话 [PHONE_1]');
    assert.equal(summary.redactions.EMAIL, 1);
    assert.equal(again.redactions.EMAIL, undefined);
  });
});
