import { after, describe, test } from 'node:test';
import { TEST_BACKEND, databaseFor } from '../database.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/run.js';
import { parseArchive } from '../../src/ingest/index.js';
import { buildApp, ensureAdmin, type InitialAdmin } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { SAMPLE, captureIO, tempDir } from '../helpers.js';
import { RELAXED_LIMITS, login, signup } from '../server/helpers.js';

const { dir, cleanup } = tempDir();
const db = databaseFor(dir, 'cli.db');

async function casebook(args: string[], input?: string) {
  const io = captureIO({ input, cwd: dir });
  const code = await runCli(['--db', db, ...args], io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

after(cleanup);

// A chat log with a numeric conversation id (ref T-1) and one without digits (ref T-vip).
const CHAT_LOG = `=== 会话 1 ===
标题：上传失败
分类：对象存储｜上传下载
客户：上传图片报错 403
客服：您好，请检查存储桶的访问权限

=== 会话 vip ===
客户：账号被冻结了
客服：您好，这边帮您提交工单处理
`;

/** Runs the CLI on the database `location` and returns the exit code and output. */
async function casebookOn(location: string, args: string[]) {
  const io = captureIO({ cwd: dir });
  const code = await runCli(['--db', location, ...args], io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

/**
 * Opens one portal case (ref W1) and one intake case (ref I1) through the HTTP API, and returns
 * the login of the admin it creates.
 */
async function openPortalAndIntakeCases(location: string): Promise<InitialAdmin> {
  const store = await openStore({ path: location });
  const app = await buildApp({ store, logger: false, webRoot: null, rateLimits: RELAXED_LIMITS });
  try {
    const customer = await signup(app, 'records-export@example.com');
    const portal = await customer.request('POST', '/api/v1/cases', {
      title: '上传失败',
      description: '上传文件时报错 403',
      product: '对象存储',
      type: '上传下载',
    });
    assert.equal(portal.statusCode, 201, portal.body);

    const credentials = (await ensureAdmin(store))!;
    const admin = await login(app, credentials.email, credentials.password);
    const token = await admin.request('POST', '/api/v1/tokens', {
      name: 'monitor',
      scope: 'intake',
    });
    const intake = await app.inject({
      method: 'POST',
      url: '/api/v1/intake',
      headers: { authorization: `Bearer ${token.json().token}`, 'idempotency-key': 'order-42' },
      payload: {
        title: '证书订单审核超时',
        description: '证书已审核 48 小时',
        product: 'CDN',
        type: '证书问题',
      },
    });
    assert.equal(intake.statusCode, 201, intake.body);
    return credentials;
  } finally {
    await app.close();
    await store.close();
  }
}

/** Returns the refs of the `## Q<n>:` record lines of a records file. */
function recordRefs(text: string): string[] {
  return [...text.matchAll(/^## (Q\d+):/gm)].map((match) => match[1]!);
}

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

  test('skip-invalid names lines outside the cases', async () => {
    const sample = readFileSync(SAMPLE, 'utf8');
    const first = sample.indexOf('## Q1:');
    const stray = path.join(dir, 'stray.md');
    // "Still there?" before the first record.
    writeFileSync(stray, `${sample.slice(0, first)}**客户**：还在吗\n\n${sample.slice(first)}`);
    const location = databaseFor(dir, 'stray.db');
    const { code, stdout, stderr } = await casebookOn(location, [
      'import',
      '--skip-invalid',
      stray,
    ]);
    assert.equal(code, 0);
    assert.match(
      stdout,
      /Skipped lines of .*stray\.md that belong to no case; see the errors below\./,
    );
    assert.match(
      stderr,
      /stray\.md:\d+: the turn "\*\*客户\*\*：还在吗" appears before the first record/,
    );
  });

  test('rejected import removes a new database', { skip: TEST_BACKEND !== 'sqlite' }, async () => {
    const broken = path.join(dir, 'no-category.md');
    writeFileSync(broken, '# 客户支持问题处理记录 (Part 1)\n\n## Q1: 标题\n\n### 问题描述\nx\n');
    const fresh = path.join(dir, 'fresh.db');
    const io = captureIO({ cwd: dir });
    assert.equal(await runCli(['--db', fresh, 'import', broken], io), 1);
    assert.match(io.errors(), /no-category\.md:3: record Q1 has no/);
    assert.equal(existsSync(fresh), false);
  });

  test('file without records is rejected', async () => {
    const notes = path.join(dir, 'notes.md');
    writeFileSync(notes, '# README\n\nNotes about the project.\n\n## Install\n\nrun npm\n');
    const { code, stdout } = await casebook(['--json', 'import', notes]);
    assert.equal(code, 1);
    const summary = JSON.parse(stdout);
    assert.equal(summary.imported, 0);
    assert.deepEqual(summary.rejectedFiles, [notes]);
    assert.equal(summary.errors[0].code, 'no-records');
    assert.match(summary.errors[0].message, /notes\.md:1: the file holds no cases/);
  });

  test('file given twice is read once', async () => {
    const location = databaseFor(dir, 'twice.db');
    const again = path.join(path.dirname(SAMPLE), '.', path.basename(SAMPLE));
    const { code, stdout } = await casebookOn(location, ['--json', 'import', SAMPLE, again]);
    assert.equal(code, 0);
    const summary = JSON.parse(stdout);
    assert.equal(summary.imported, 95);
    assert.equal(summary.unchanged, 0);
    assert.deepEqual(
      summary.warnings.map((warning: { file: string }) => warning.file),
      [again],
    );
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

  test('export --json reports the file written', async () => {
    const exported = path.join(dir, 'reported.jsonl');
    const { code, stdout } = await casebook(['--json', 'export', '--out', exported]);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      files: [{ file: exported, format: 'jsonl', cases: 95 }],
    });
  });

  test('export --json rejects records on stdout', async () => {
    const { code, stdout, stderr } = await casebook(['--json', 'export', '--format', 'records']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /--format jsonl/);
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

  test('export to a missing folder with a slash', async () => {
    const missing = `${path.join(dir, 'no-such-folder')}/`;
    const { code, stderr } = await casebook(['export', '--out', missing]);
    assert.equal(code, 1);
    assert.match(
      stderr,
      /Cannot write .*no-such-folder\/ \(ENOTDIR\)\. The path ends with a slash/,
    );
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.partial')),
      [],
    );
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

  test('help and the version are JSON under --json', async () => {
    const help = await casebook(['help', 'import', '--json']);
    assert.equal(help.code, 0);
    const json = JSON.parse(help.stdout);
    assert.equal(json.command, 'casebook import');
    assert.deepEqual(
      json.arguments.map((argument: { name: string }) => argument.name),
      ['files'],
    );
    assert.ok(json.options.some((option: { flags: string }) => option.flags === '--skip-invalid'));
    assert.ok(json.globalOptions.some((option: { flags: string }) => option.flags === '--json'));

    const faq = JSON.parse((await casebook(['--json', 'faq', '--help'])).stdout);
    assert.ok(faq.commands.some((command: { name: string }) => command.name === 'approve'));
    assert.deepEqual(JSON.parse((await casebook(['--json', '--version'])).stdout), {
      version: '0.1.0',
    });
    // Without --json, help stays text.
    assert.match((await casebook(['help', 'import'])).stdout, /^Usage: casebook import/);
  });

  test('every command help parses as JSON', async () => {
    const top = JSON.parse((await casebook(['--json', 'help'])).stdout);
    for (const { name } of top.commands as Array<{ name: string }>) {
      if (name === 'help') continue;
      const { code, stdout } = await casebook(['--json', 'help', name]);
      assert.equal(code, 0, name);
      assert.equal(JSON.parse(stdout).command, `casebook ${name}`);
    }
    const unknown = await casebook(['help', 'nosuch']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "nosuch"/);
    assert.match((await casebook(['help', 'faq', 'list'])).stdout, /^Usage: casebook faq list/);
    const exportHelp = JSON.parse((await casebook(['export', '--help', '--json'])).stdout);
    assert.match(exportHelp.notes, /^The records format numbers every record/);
    assert.match((await casebook(['help', 'export'])).stdout, /keeps refs, to restore cases/);
  });

  test('triage marks a low-confidence category', async () => {
    // "You overcharged me a lot, the bill is wrong": no case of the sample is about it.
    const question = '多扣了我好多钱，账单不对';
    const json = JSON.parse((await casebook(['--json', 'triage', question])).stdout);
    assert.ok(json.category.confidence < 0.5, String(json.category.confidence));
    const { stdout } = await casebook(['triage', question]);
    assert.match(stdout, /分类: .*\(\d+%, 置信度低，请人工确认; /);
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

  test('unmatched search echoes the query redacted', async () => {
    const { code, stdout } = await casebook(['search', '13987654321']);
    assert.equal(code, 0);
    assert.equal(stdout, 'No case matches "[PHONE_1]".\n');
  });

  test('contact details do not change a search', async () => {
    const plain = await casebook(['search', '证书审核']);
    const withContact = await casebook(['search', '联系人：王建国，手机 13912345678，证书审核']);
    assert.equal(withContact.stdout, plain.stdout);
  });

  test('empty search query is rejected', async () => {
    const { code, stdout, stderr } = await casebook(['search', ' ']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /The query is empty/);
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

  test('reindex clears the stale-index warning', async () => {
    const store = await openStore({ path: db });
    try {
      await store.sql.run("UPDATE settings SET value = 'older' WHERE key = 'search.segmentation'");
    } finally {
      await store.close();
    }
    const stale = await casebook(['search', '账号注销']);
    assert.equal(stale.code, 0);
    assert.match(stale.stderr, /Warning: .* other text dictionaries .* Run "casebook reindex"/);

    const rebuilt = await casebook(['--json', 'reindex']);
    assert.equal(rebuilt.code, 0);
    assert.equal(JSON.parse(rebuilt.stdout).indexed, 95);
    const fresh = await casebook(['search', '账号注销']);
    assert.equal(fresh.stderr, '');
    assert.match(fresh.stdout, /^1\. Q\d+ /);
  });

  test('reindex rebuilds the category counts', async () => {
    const readCounts = async () => {
      const store = await openStore({ path: db });
      try {
        const terms = await store.sql.all(
          'SELECT term, label, count FROM category_terms ORDER BY term, label',
        );
        const categories = await store.sql.all(
          'SELECT label, documents, tokens FROM categories ORDER BY label',
        );
        return { terms, categories };
      } finally {
        await store.close();
      }
    };
    const before = await readCounts();
    // Counts of another segmentation, as an upgrade of the dictionaries would leave them.
    const store = await openStore({ path: db });
    try {
      await store.sql.run('UPDATE category_terms SET count = count + 1');
      await store.sql.run('UPDATE categories SET tokens = tokens + 7');
    } finally {
      await store.close();
    }

    const rebuilt = await casebook(['reindex']);
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.deepEqual(await readCounts(), before);
  });

  test('invalid option is a usage error', async () => {
    const { code } = await casebook(['search', '--limit', 'zero', 'x']);
    assert.equal(code, 2);
  });

  test('a count must be plain digits', async () => {
    for (const limit of ['1.5', '1e1', '2abc', '0']) {
      const { code, stderr } = await casebook(['search', '--limit', limit, '回源']);
      assert.equal(code, 2, limit);
      assert.match(stderr, /expected a positive integer/);
    }
    const triage = await casebook(['triage', '--limit', '1.9', '证书一直在审核中']);
    assert.equal(triage.code, 2);
  });

  test('punctuation alone is no question', async () => {
    const triage = await casebook(['triage', '？！。']);
    assert.equal(triage.code, 2);
    assert.match(triage.stderr, /no letters or digits/);
    const search = await casebook(['search', '!!!???...']);
    assert.equal(search.code, 2);
    assert.match(search.stderr, /no letters or digits/);
  });

  // The sample with a chat log, a portal case and an intake case, for the records export tests.
  const mixed = databaseFor(dir, 'mixed.db');
  let mixedAdmin: InitialAdmin;

  test('records export writes every source', async () => {
    const chatLog = path.join(dir, 'chat.txt');
    writeFileSync(chatLog, CHAT_LOG);
    const imported = await casebookOn(mixed, ['import', SAMPLE, chatLog]);
    assert.equal(imported.code, 0, imported.stderr);
    mixedAdmin = await openPortalAndIntakeCases(mixed);

    const expected: Record<string, string[]> = {
      'chat.txt': ['Q1', 'Q2'],
      intake: ['Q1'],
      portal: ['Q1'],
    };
    for (const [source, refs] of Object.entries(expected)) {
      const file = path.join(dir, `export-${source}`);
      const result = await casebookOn(mixed, [
        'export',
        '--format',
        'records',
        '--source',
        source,
        '--out',
        file,
      ]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(recordRefs(readFileSync(file, 'utf8')), refs, source);
    }

    const folder = path.join(dir, 'records-by-source');
    mkdirSync(folder);
    const written = await casebookOn(mixed, ['export', '--format', 'records', '--out', folder]);
    assert.equal(written.code, 0, written.stderr);
    const files = readdirSync(folder).sort();
    assert.deepEqual(files, ['chat.txt', 'intake', 'portal', 'support-records-part14.md']);
    for (const [source, refs] of Object.entries(expected)) {
      assert.deepEqual(recordRefs(readFileSync(path.join(folder, source), 'utf8')), refs, source);
    }
    assert.equal(
      recordRefs(readFileSync(path.join(folder, 'support-records-part14.md'), 'utf8')).length,
      95,
    );

    const restored = databaseFor(dir, 'restored.db');
    const paths = files.map((name) => path.join(folder, name));
    const reimported = await casebookOn(restored, ['--json', 'import', ...paths]);
    assert.equal(reimported.code, 0, reimported.stderr);
    assert.equal(JSON.parse(reimported.stdout).imported, 99);
    const before = JSON.parse((await casebookOn(mixed, ['--json', 'stats'])).stdout);
    const after = JSON.parse((await casebookOn(restored, ['--json', 'stats'])).stdout);
    assert.equal(after.cases, before.cases);
  });

  test('records export matches the server', async () => {
    const store = await openStore({ path: mixed });
    const app = await buildApp({ store, logger: false, webRoot: null, rateLimits: RELAXED_LIMITS });
    try {
      const admin = await login(app, mixedAdmin.email, mixedAdmin.password);
      for (const source of ['chat.txt', 'intake', 'portal']) {
        const response = await admin.request(
          'GET',
          `/api/v1/export?format=records&source=${source}`,
        );
        assert.equal(response.statusCode, 200, response.body);
        const file = readFileSync(path.join(dir, `export-${source}`), 'utf8');
        assert.equal(file, response.body, source);
      }
    } finally {
      await app.close();
      await store.close();
    }
  });

  test('records export of shared numbers fails', async () => {
    const { code, stderr } = await casebookOn(mixed, ['export', '--format', 'records']);
    assert.equal(code, 1);
    assert.match(stderr, /^casebook: Cases from 4 sources share record numbers/);
    assert.match(stderr, /Pass --source NAME for one source, or --out DIR/);
  });

  test('unknown export source is rejected', async () => {
    const result = await casebookOn(mixed, ['export', '--source', 'chat.text']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /No source is named "chat\.text"\. Stored sources: chat\.txt, /);
  });

  test('unwritable case names source and ref', async () => {
    const location = databaseFor(dir, 'unwritable.db');
    const chatLog = path.join(dir, 'template.txt');
    // The customer pastes a template whose second line is a section heading of the format.
    writeFileSync(chatLog, '=== 会话 7 ===\n客户：按模板填写\n### 客服解答\n客服：收到\n');
    const imported = await casebookOn(location, ['import', SAMPLE, chatLog]);
    assert.equal(imported.code, 0, imported.stderr);

    const single = await casebookOn(location, ['export', '--source', 'template.txt']);
    assert.equal(single.code, 1);
    assert.match(single.stderr, /^casebook: Case T-7 of source "template\.txt" cannot be written/);
    assert.match(single.stderr, /record Q7, field /);
    assert.match(single.stderr, /Export with --format jsonl/);
    assert.doesNotMatch(single.stderr, /\n\s+at /);

    const folder = path.join(dir, 'unwritable-by-source');
    mkdirSync(folder);
    const written = await casebookOn(location, ['export', '--out', folder]);
    assert.equal(written.code, 1);
    assert.match(written.stderr, /Wrote 95 cases to .*support-records-part14\.md/);
    assert.match(written.stderr, /Failed to write .*template\.txt: Case T-7 of source/);
    assert.match(
      written.stderr,
      /casebook: 1 of 2 sources were not written to .*: template\.txt\./,
    );
    assert.deepEqual(readdirSync(folder), ['support-records-part14.md']);
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
