import { after, describe, test } from 'node:test';
import { databaseFor } from '../database.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/run.js';
import { parseArchive } from '../../src/ingest/index.js';
import { SAMPLE, captureIO, tempDir } from '../helpers.js';

const { dir, cleanup } = tempDir();
const db = databaseFor(dir, 'cli.db');

async function casebook(args: string[], input?: string) {
  const io = captureIO({ input, cwd: dir });
  const code = await runCli(['--db', db, ...args], io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

after(cleanup);

describe('casebook CLI', () => {
  test('import --json prints the summary', async () => {
    const { code, stdout } = await casebook(['import', SAMPLE, '--json']);
    assert.equal(code, 0);
    const summary = JSON.parse(stdout);
    assert.equal(summary.imported, 95);
    assert.equal(summary.updated, 0);
    assert.equal(summary.unchanged, 0);
    assert.deepEqual(summary.errors, []);
  });

  test('second import reports no new cases', async () => {
    const summary = JSON.parse((await casebook(['--json', 'import', SAMPLE])).stdout);
    assert.equal(summary.imported, 0);
    assert.equal(summary.unchanged, 95);
  });

  test('malformed file fails with file and line', async () => {
    const broken = path.join(dir, 'broken.md');
    writeFileSync(broken, readFileSync(SAMPLE, 'utf8').replace('### 客服解答', '### 客服回复'));
    const { code, stderr } = await casebook(['import', broken]);
    assert.equal(code, 1);
    assert.match(stderr, /broken\.md:\d+: /);
  });

  test('export then import is lossless', async () => {
    const exported = path.join(dir, 'exported.md');
    assert.equal((await casebook(['export', '--out', exported])).code, 0);

    const io = captureIO({ cwd: dir });
    const otherDb = databaseFor(dir, 'other.db');
    assert.equal(await runCli(['--db', otherDb, '--json', 'import', exported], io), 0);
    assert.equal(JSON.parse(io.output()).imported, 95);

    const again = path.join(dir, 'again.md');
    assert.equal(await runCli(['--db', otherDb, 'export', '--out', again], captureIO()), 0);
    const first = parseArchive(readFileSync(exported, 'utf8'), 'x.md');
    const second = parseArchive(readFileSync(again, 'utf8'), 'x.md');
    assert.deepEqual(second.records, first.records);
    assert.equal(first.records.length, 95);
  });

  test('failed export leaves --out untouched', async () => {
    const io = captureIO({ cwd: dir });
    const twoSources = databaseFor(dir, 'two-sources.db');
    const copy = path.join(dir, 'copy-of-sample.md');
    writeFileSync(copy, readFileSync(SAMPLE));
    assert.equal(await runCli(['--db', twoSources, 'import', SAMPLE, copy], io), 0);

    // Two sources with the same record numbers cannot share one records file.
    const earlier = path.join(dir, 'kept.md');
    writeFileSync(earlier, 'earlier export\n');
    const failed = captureIO({ cwd: dir });
    assert.equal(await runCli(['--db', twoSources, 'export', '--out', earlier], failed), 1);
    assert.match(failed.errors(), /share record numbers/);
    assert.equal(readFileSync(earlier, 'utf8'), 'earlier export\n');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.partial')),
      [],
    );
  });

  test('export to a missing folder names it', async () => {
    const missing = path.join(dir, 'no-such-folder', 'out.md');
    const { code, stderr } = await casebook(['export', '--out', missing]);
    assert.equal(code, 1);
    assert.match(stderr, /Cannot write .*out\.md \(ENOENT\)\. Check that its folder exists/);
  });

  test('export jsonl writes one case per line', async () => {
    const { code, stdout } = await casebook(['export', '--format', 'jsonl']);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 95);
    const first = JSON.parse(lines[0]!);
    assert.equal(first.ref, 'Q1');
    assert.ok(Array.isArray(first.turns));
  });

  test('triage --json prints only JSON', async () => {
    const { code, stdout } = await casebook(['--json', 'triage', '免费证书申请了一天了还在审核中']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout);
    assert.ok(result.category.label);
    assert.ok(Array.isArray(result.similar));
    assert.ok('rootCause' in result);
  });

  test('triage reads stdin', async () => {
    const { code, stdout } = await casebook(['triage'], '上传提示 incorrect region 怎么办');
    assert.equal(code, 0);
    assert.match(stdout, /分类: /);
    assert.match(stdout, /相似案例:/);
  });

  test('search lists highlighted cases', async () => {
    const { code, stdout } = await casebook(['search', '账号注销']);
    assert.equal(code, 0);
    assert.match(stdout, /^1\. Q\d+ /);
    assert.match(stdout, /【/);
  });

  test('stats --json counts categories', async () => {
    const stats = JSON.parse((await casebook(['--json', 'stats'])).stdout);
    assert.equal(stats.cases, 95);
    assert.ok(stats.byCategory.length >= 10);
    assert.equal(typeof stats.unanswered, 'number');
  });

  test('eval --json reports both predictors', async () => {
    const report = JSON.parse((await casebook(['--json', 'eval'])).stdout);
    assert.ok(report.category.model.accuracy > report.category.majorityBaseline.accuracy);
  });

  test('missing database is an error', async () => {
    const io = captureIO({ cwd: dir });
    const code = await runCli(['--db', path.join(dir, 'nope.db'), 'search', 'x'], io);
    assert.equal(code, 1);
    assert.match(io.errors(), /does not exist/);
  });

  test('missing database folder is an error', async () => {
    const io = captureIO({ cwd: dir });
    const db = path.join(dir, 'no-such-folder', 'cases.db');
    const code = await runCli(['--db', db, 'import', SAMPLE], io);
    assert.equal(code, 1);
    assert.match(io.errors(), /no-such-folder of database .* does not exist\. Create it first/);
    assert.equal(existsSync(path.dirname(db)), false);
  });

  test('invalid option is a usage error', async () => {
    const { code } = await casebook(['search', '--limit', 'zero', 'x']);
    assert.equal(code, 2);
  });
});

describe('casebook binary', () => {
  test('runs import and triage as a process', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const processDb = databaseFor(dir, 'process.db');
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', '--db', processDb, ...args],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );

    const imported = run('--json', 'import', SAMPLE);
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(JSON.parse(imported.stdout).imported, 95);
    const triaged = run('--json', 'triage', '账号怎么注销');
    assert.equal(triaged.status, 0, triaged.stderr);
    assert.ok(JSON.parse(triaged.stdout).similar.length > 0);
  });
});
