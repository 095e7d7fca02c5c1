import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { defaultHeader, parseArchive } from '../../src/ingest/index.js';
import { loadCases, openStore } from '../../src/store/index.js';
import { loadSourceHeader } from '../../src/store/source-header.js';
import { databaseFor } from '../database.js';
import { SAMPLE, captureIO, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
after(cleanup);

const SAMPLES_DIR = path.dirname(SAMPLE);
const SAMPLES = readdirSync(SAMPLES_DIR)
  .filter((name) => name.endsWith('.md'))
  .map((name) => path.join(SAMPLES_DIR, name));

async function casebook(db: string, args: string[]) {
  const io = captureIO({ cwd: dir });
  const code = await runCli(['--db', db, ...args], io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

async function importJson(db: string, files: string[]) {
  const result = await casebook(db, ['--json', 'import', ...files]);
  return { code: result.code, summary: JSON.parse(result.stdout), stderr: result.stderr };
}

async function exportRecords(db: string, source: string): Promise<string> {
  const file = path.join(dir, `records-${Math.random().toString(36).slice(2)}.md`);
  const result = await casebook(db, ['export', '--source', source, '--out', file]);
  assert.equal(result.code, 0, result.stderr);
  return readFileSync(file, 'utf8');
}

describe('jsonl export round trip', () => {
  const original = databaseFor(dir, 'original.db');
  const fresh = databaseFor(dir, 'fresh.db');
  const exported = path.join(dir, 'export.jsonl');

  test('samples import into the original', async () => {
    assert.ok(SAMPLES.length >= 1);
    const { code, summary } = await importJson(original, SAMPLES);
    assert.equal(code, 0);
    assert.deepEqual(summary.errors, []);

    const exportRun = await casebook(original, ['export', '--format', 'jsonl', '--out', exported]);
    assert.equal(exportRun.code, 0, exportRun.stderr);
  });

  test('jsonl export imports into a fresh database', async () => {
    const { code, summary } = await importJson(fresh, [exported]);
    assert.equal(code, 0);
    assert.deepEqual(summary.errors, []);
    const lines = readFileSync(exported, 'utf8').trim().split('\n');
    assert.equal(summary.imported, lines.length);
    assert.equal(summary.rejectedFileCount, 0);
  });

  test('every line carries its source header', () => {
    const lines = readFileSync(exported, 'utf8').trim().split('\n');
    const sample = parseArchive(readFileSync(SAMPLE, 'utf8'), SAMPLE);
    const first = JSON.parse(lines[0]!);
    assert.equal(first.source, path.basename(SAMPLE));
    assert.deepEqual(first.sourceHeader, sample.header);
    for (const line of lines) assert.ok('sourceHeader' in JSON.parse(line), line.slice(0, 80));
  });

  for (const sample of SAMPLES) {
    const source = path.basename(sample);
    test(`records of ${source} survive the round trip`, async () => {
      const directText = await exportRecords(original, source);
      const roundTripText = await exportRecords(fresh, source);
      const direct = parseArchive(directText, source);
      const roundTrip = parseArchive(roundTripText, source);
      const inSample = parseArchive(readFileSync(sample, 'utf8'), sample);
      assert.deepEqual(roundTrip.errors, []);
      assert.equal(direct.records.length, inSample.records.length);
      assert.deepEqual(roundTrip.records, direct.records);
      assert.deepEqual(roundTrip.header, inSample.header);
      assert.equal(roundTripText, directText);
    });
  }

  test('lines without header give the default one', async () => {
    const source = path.basename(SAMPLE);
    const older = path.join(dir, 'older.jsonl');
    const lines = readFileSync(exported, 'utf8').trim().split('\n');
    const withoutHeader = lines
      .map((line) => JSON.parse(line))
      .filter((value) => value.source === source)
      .map(({ sourceHeader: _, ...value }) => JSON.stringify(value));
    writeFileSync(older, `${withoutHeader.join('\n')}\n`);
    const db = databaseFor(dir, 'older.db');

    const { code, summary } = await importJson(db, [older]);
    assert.equal(code, 0);
    assert.deepEqual(summary.errors, []);
    const roundTrip = parseArchive(await exportRecords(db, source), source);
    assert.deepEqual(roundTrip.header, defaultHeader(withoutHeader.length, null));
  });

  test('second import adds nothing', async () => {
    const { code, summary } = await importJson(fresh, [exported]);
    assert.equal(code, 0);
    assert.equal(summary.imported, 0);
    assert.equal(summary.updated, 0);
    assert.equal(summary.unchanged, readFileSync(exported, 'utf8').trim().split('\n').length);
  });

  test('import into the original changes nothing', async () => {
    const before = await exportRecords(original, path.basename(SAMPLE));
    const { summary } = await importJson(original, [exported]);
    assert.equal(summary.imported, 0);
    assert.equal(summary.updated, 0);
    assert.equal(await exportRecords(original, path.basename(SAMPLE)), before);
  });
});

describe('jsonl import details', () => {
  const db = databaseFor(dir, 'details.db');

  test('status and several sources are kept', async () => {
    const file = path.join(dir, 'two-sources.jsonl');
    const base = {
      title: '证书一直在审核中',
      product: 'CDN',
      type: '证书问题',
      description: '免费证书申请了一天了还在审核中',
      answer: '',
      rootCause: '',
      turns: [{ role: 'customer', text: '免费证书申请了一天了还在审核中' }],
    };
    const lines = [
      { ...base, source: 'portal', ref: 'Q7', status: 'waiting-for-human' },
      { ...base, source: 'chats.jsonl', ref: 'T-c1' },
    ];
    writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);

    const { code, summary } = await importJson(db, [file]);
    assert.equal(code, 0, JSON.stringify(summary.errors));
    assert.equal(summary.imported, 2);

    const store = await openStore({ path: db });
    try {
      const rows = await store.sql.all<{ id: number; source: string; ref: string; status: string }>(
        `SELECT cases.id, sources.name AS source, ref, status FROM cases
         JOIN sources ON sources.id = cases.source_id ORDER BY cases.id`,
      );
      assert.deepEqual(
        rows.map(({ source, ref, status }) => ({ source, ref, status })),
        [
          { source: 'portal', ref: 'Q7', status: 'waiting-for-human' },
          { source: 'chats.jsonl', ref: 'T-c1', status: 'unanswered' },
        ],
      );
      const [stored] = await loadCases(store, [rows[0]!.id]);
      assert.equal(stored?.title, '证书一直在审核中');
    } finally {
      await store.close();
    }
  });

  test('bad line names file and line', async () => {
    const file = path.join(dir, 'bad-line.jsonl');
    const good = readFileSync(path.join(dir, 'two-sources.jsonl'), 'utf8').split('\n')[0];
    writeFileSync(file, `${good}\n{"source": "portal", "ref": "Q8", "turns": "none"}\n`);

    const result = await casebook(db, ['import', file]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /bad-line\.jsonl:2: field "title" is missing/);
    assert.match(result.stderr, /bad-line\.jsonl:2: field "turns" is the text "none"/);
    assert.match(
      result.stdout,
      /Rejected 1 file with errors: .*bad-line\.jsonl\. The 1 valid case/,
    );
  });

  test('line header updates stored source', async () => {
    const file = path.join(dir, 'header.jsonl');
    const base = {
      source: 'part2.md',
      ref: 'Q1',
      title: '发票抬头修改',
      product: '账户与财务',
      type: '发票问题',
      description: '发票抬头写错了怎么改',
      answer: '',
      rootCause: '',
      turns: [{ role: 'customer', text: '发票抬头写错了怎么改' }],
    };
    const first = { title: '客户支持问题处理记录 (Part 2)', part: '2', preamble: '第一版' };
    const second = { title: '客户支持问题处理记录 (Part 2)', part: '2', preamble: '第二版' };

    for (const sourceHeader of [first, second]) {
      writeFileSync(file, `${JSON.stringify({ ...base, sourceHeader })}\n`);
      const { code, summary } = await importJson(db, [file]);
      assert.equal(code, 0, JSON.stringify(summary.errors));

      const store = await openStore({ path: db });
      try {
        assert.deepEqual(await loadSourceHeader(store.sql, 'part2.md'), sourceHeader);
      } finally {
        await store.close();
      }
    }
  });

  test('empty file is a rejected file', async () => {
    const file = path.join(dir, 'empty.jsonl');
    writeFileSync(file, '\n');
    const { code, summary } = await importJson(db, [file]);
    assert.equal(code, 1);
    assert.equal(summary.rejected, 0);
    assert.equal(summary.rejectedFileCount, 1);
    assert.equal(summary.errors[0].code, 'empty-file');
  });
});
