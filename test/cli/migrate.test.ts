import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { runCli } from '../../src/cli/run.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createUser } from '../../src/store/users.js';
import { createSession } from '../../src/store/sessions.js';
import { createApiToken } from '../../src/store/api-tokens.js';
import { rebuildSearchIndex } from '../../src/search/reindex.js';
import { SEGMENTATION_SETTING } from '../../src/search/segmentation-check.js';
import { segmentationFingerprint } from '../../src/text/fingerprint.js';
import { COPY_ORDER, planCopy } from '../../src/store/copy-plan.js';
import { compareTables } from '../../src/store/verify-copy.js';
import { describeLocation } from '../../src/store/location.js';
import { SAMPLE, captureIO, tempDir } from '../helpers.js';
import { createPostgresDatabase, postgresOnly, type TestDatabase } from '../database.js';

const skip = postgresOnly();

async function casebook(args: string[], cwd: string) {
  const io = captureIO({ cwd });
  const code = await runCli(args, io);
  return { code, stdout: io.output(), stderr: io.errors() };
}

function passwordOf(url: string): string {
  return decodeURIComponent(new URL(url).password);
}

/** Asserts that no output contains the URL's password in its URL form. */
function assertNoPassword(url: string, ...outputs: string[]): void {
  const secret = `:${passwordOf(url)}@`;
  for (const output of outputs) assert.ok(!output.includes(secret), `password shown in: ${output}`);
}

/**
 * Adds rows that the helpdesk writes next to an imported archive, so that every table that
 * migrate copies has rows. They are an agent and a customer with a session, an intake token and
 * request, an agent reply and an internal note, a sealed contact value and its reveal, an audit
 * entry and a rate-limit counter.
 */
async function addHelpdeskRows(store: Store): Promise<void> {
  const agent = await createUser(store, {
    email: 'agent@casebook.invalid',
    name: '客服小王',
    role: 'agent',
    passwordHash: 'scrypt$test$not-a-real-hash',
  });
  const customer = await createUser(store, {
    email: 'customer@casebook.invalid',
    name: '客户张三',
    role: 'customer',
    passwordHash: 'scrypt$test$not-a-real-hash',
  });
  assert.ok(agent);
  assert.ok(customer);
  await createSession(store, {
    idHash: 'f'.repeat(64),
    userId: agent.id,
    csrfToken: 'csrf-token',
    expiresAt: '2999-01-01T00:00:00.000Z',
  });
  const token = await createApiToken(store, {
    userId: agent.id,
    name: '工单系统 (ticket system)',
    scope: 'intake',
    tokenHash: 'e'.repeat(64),
    prefix: 'cb_eeee',
  });

  const now = '2025-03-01T08:00:00.000Z';
  const first = await store.db
    .selectFrom('cases')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const last = await store.db
    .selectFrom('messages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', first.id)
    .executeTakeFirstOrThrow();
  const seq = Number(last.seq ?? 0);
  await store.db
    .insertInto('messages')
    .values([
      // "Hello, the certificate was issued; refresh the console to see it."
      {
        case_id: first.id,
        seq: seq + 1,
        role: 'agent',
        text: '您好，证书已签发，请刷新控制台查看。',
        author_id: agent.id,
        created_at: now,
        internal: 0,
      },
      // An internal note: "The customer called twice."
      {
        case_id: first.id,
        seq: seq + 2,
        role: 'agent',
        text: '客户来电两次',
        author_id: agent.id,
        created_at: now,
        internal: 1,
      },
    ])
    .execute();
  await store.db
    .updateTable('cases')
    .set({
      customer_id: customer.id,
      channel: 'portal',
      first_response_at: now,
      last_message_at: now,
    })
    .where('id', '=', first.id)
    .execute();
  await store.db
    .insertInto('intake_requests')
    .values({
      owner_id: agent.id,
      idempotency_key: 'retry-1',
      request_hash: 'd'.repeat(64),
      case_id: first.id,
      created_at: now,
    })
    .execute();
  await store.db
    .insertInto('vault_entries')
    .values({
      case_id: first.id,
      placeholder: '[phone_1]',
      type: 'PHONE',
      sealed: 'v1.aXY.Y2lwaGVy.dGFn',
      created_at: now,
    })
    .execute();
  await store.db
    .insertInto('vault_reveals')
    .values({
      case_id: first.id,
      placeholder: '[phone_1]',
      actor: agent.email,
      reason: '回电客户 (call back)',
      revealed_at: now,
    })
    .execute();
  await store.db
    .insertInto('audit_log')
    .values({
      at: now,
      actor_id: agent.id,
      token_id: token.id,
      action: 'case.reply',
      target_type: 'case',
      target_id: String(first.id),
      details: '{"status":"answered"}',
    })
    .execute();
  // The agent's reply was sent with an Idempotency-Key.
  const replyRow = await store.sql.get<{ id: number }>(
    "SELECT id FROM messages WHERE case_id = ? AND role = 'agent' ORDER BY seq DESC",
    [first.id],
  );
  await store.sql.run(
    `INSERT INTO message_requests (owner_id, idempotency_key, request_hash, message_id, created_at)
     VALUES (?, ?, ?, ?, ?)`,
    [agent.id, 'reply-1', 'hash-1', replyRow!.id, new Date().toISOString()],
  );
  // An upload waiting for its import job; its bytes must survive the copy unchanged.
  await store.sql.run(
    'INSERT INTO import_uploads (batch, name, content, created_at) VALUES (?, ?, ?, ?)',
    ['batch-1', 'waiting.md', Buffer.from('# 待导入\n', 'utf8'), new Date().toISOString()],
  );
  // A window start in milliseconds exceeds 32 bits, so the bigint column must keep it whole.
  await store.sql.run('INSERT INTO rate_limits (key, count, window_start) VALUES (?, ?, ?)', [
    'login:127.0.0.1',
    3,
    1_740_816_000_000,
  ]);
}

function sqliteCounts(file: string): Map<string, number> {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    const counts = new Map<string, number>();
    for (const table of COPY_ORDER) {
      const row = sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      counts.set(table, row.n);
    }
    return counts;
  } finally {
    sqlite.close();
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('casebook migrate', { skip }, () => {
  const { dir, cleanup } = tempDir('casebook-migrate-');
  const source = path.join(dir, 'source.db');
  const databases: TestDatabase[] = [];
  let target: TestDatabase;

  before(async () => {
    assert.equal((await casebook(['--db', source, 'import', SAMPLE], dir)).code, 0);
    assert.equal((await casebook(['--db', source, 'faq', 'mine'], dir)).code, 0);
    const store = await openStore({ path: source });
    try {
      await addHelpdeskRows(store);
      // The helpdesk re-indexes a case when it gets a message, but these rows went in directly.
      // migrate compares the source's term statistics with those of the rebuilt target index.
      await rebuildSearchIndex(store);
    } finally {
      await store.close();
    }
    target = await createPostgresDatabase('casebook_migrate');
    databases.push(target);
  });

  after(async () => {
    for (const database of databases) await database.drop();
    cleanup();
  });

  test('every source table has rows', () => {
    for (const [table, rows] of sqliteCounts(source)) assert.ok(rows > 0, `${table} is empty`);
  });

  test('migrate --json copies every table', async () => {
    const { code, stdout, stderr } = await casebook(
      [
        '--json',
        'migrate',
        '--from',
        `sqlite:${source}`,
        '--to',
        target.location,
        '--batch-size',
        '100',
      ],
      dir,
    );
    assert.equal(code, 0, stderr);
    assertNoPassword(target.location, stdout, stderr);

    const report = JSON.parse(stdout);
    assert.equal(report.ok, true);
    assert.equal(report.to, describeLocation(target.location));
    assert.deepEqual(
      report.tables.map((table: { name: string }) => table.name),
      [...COPY_ORDER],
    );
    const counts = sqliteCounts(source);
    for (const table of report.tables) {
      assert.equal(table.ok, true, `${table.name} differs`);
      assert.equal(table.rows, counts.get(table.name), `${table.name} row count`);
      assert.match(table.checksum, /^[0-9a-f]{64}$/);
    }
  });

  test('target holds the copied rows', async () => {
    const counts = sqliteCounts(source);
    await withClient(target.location, async (client) => {
      for (const table of COPY_ORDER) {
        const result = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
        assert.equal(result.rows[0].n, counts.get(table), table);
      }
      const reply = await client.query(
        'SELECT m.text, u.email FROM messages m JOIN users u ON u.id = m.author_id WHERE m.internal = 0',
      );
      assert.deepEqual(reply.rows, [
        { text: '您好，证书已签发，请刷新控制台查看。', email: 'agent@casebook.invalid' },
      ]);
    });
  });

  test('sequences continue after copied ids', async () => {
    await withClient(target.location, async (client) => {
      const before = await client.query('SELECT max(id)::int AS id FROM users');
      const inserted = await client.query(
        `INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
         VALUES ('new@casebook.invalid', '新客服', 'agent', 'x', 'now', 'now') RETURNING id`,
      );
      assert.equal(inserted.rows[0].id, before.rows[0].id + 1);
      await client.query("DELETE FROM users WHERE email = 'new@casebook.invalid'");
    });
  });

  test('search on target finds a case', async () => {
    const { code, stdout, stderr } = await casebook(
      ['--db', target.location, '--json', 'search', '回源'],
      dir,
    );
    assert.equal(code, 0, stderr);
    const hits = JSON.parse(stdout);
    assert.ok(hits.length > 0);
    assert.match(hits[0].ref, /^Q\d+$/);
  });

  test('verification detects a changed row', async () => {
    const sourceStore = await openStore({ path: source });
    const targetStore = await openStore({ path: target.location });
    try {
      await targetStore.sql.run("UPDATE messages SET text = text || '。' WHERE id = 1");
      const tables = await compareTables(
        sourceStore,
        targetStore,
        await planCopy(sourceStore, targetStore),
      );
      const failed = tables.filter((table) => !table.ok).map((table) => table.name);
      assert.deepEqual(failed, ['messages']);
      const messages = tables.find((table) => table.name === 'messages')!;
      assert.equal(messages.targetRows, messages.rows);
      assert.notEqual(messages.targetChecksum, messages.checksum);
    } finally {
      await targetStore.sql.run('UPDATE messages SET text = left(text, -1) WHERE id = 1');
      await targetStore.close();
      await sourceStore.close();
    }
  });

  test('stale source index is rejected', async () => {
    // A source indexed by another version would differ from the rebuilt target in every term
    // count, so migrate requests a reindex first and copies nothing.
    const stale = path.join(dir, 'stale.db');
    copyFileSync(source, stale);
    const store = await openStore({ path: stale });
    try {
      await store.sql.run("UPDATE settings SET value = 'older' WHERE key = ?", [
        SEGMENTATION_SETTING,
      ]);
    } finally {
      await store.close();
    }
    const fresh = await createPostgresDatabase('casebook_migrate_stale');
    databases.push(fresh);
    const migrateStale = () =>
      casebook(['migrate', '--from', `sqlite:${stale}`, '--to', fresh.location], dir);
    const rejected = await migrateStale();
    assert.equal(rejected.code, 1);
    assert.match(rejected.stderr, /other text dictionaries .* reindex" first, then migrate again/);

    assert.equal((await casebook(['--db', stale, 'reindex'], dir)).code, 0);
    const { code, stderr } = await migrateStale();
    assert.equal(code, 0, stderr);
    await withClient(fresh.location, async (client) => {
      const row = await client.query('SELECT value FROM settings WHERE key = $1', [
        SEGMENTATION_SETTING,
      ]);
      assert.equal(row.rows[0].value, segmentationFingerprint());
    });
  });

  test('second migrate into target is rejected', async () => {
    const { code, stdout, stderr } = await casebook(
      ['migrate', '--from', `sqlite:${source}`, '--to', target.location],
      dir,
    );
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /already contains data \(95 cases; rows in sources, users, cases/);
    assert.match(stderr, /Pass --to with a new database/);
    assert.ok(stderr.includes(describeLocation(target.location)));
    assertNoPassword(target.location, stderr);
  });

  test('migrate prints a table per table', async () => {
    const fresh = await createPostgresDatabase('casebook_migrate');
    databases.push(fresh);
    const { code, stdout, stderr } = await casebook(
      ['migrate', '--from', `sqlite:${path.basename(source)}`, '--to', fresh.location],
      dir,
    );
    assert.equal(code, 0, stderr);
    assertNoPassword(fresh.location, stdout, stderr);
    assert.match(
      stdout,
      /^Copied .*source\.db into postgres:\/\/.* in [\d.]+ s\. Its search index contains 95 cases\./,
    );
    assert.match(stdout, /^table +rows +checksum +ok$/m);
    assert.match(stdout, /^cases +95 +[0-9a-f]{16} +ok$/m);
    assert.match(stdout, /^category_terms +\d+ +[0-9a-f]{16} +ok$/m);
  });

  test('mismatch fails and names the table', async () => {
    const drifted = path.join(dir, 'drifted.db');
    const original = new BetterSqlite3(source);
    original.exec(`VACUUM INTO '${drifted}'`);
    original.close();
    // Term counts that no longer agree with the indexed cases, as after a crash mid-update.
    const copy = new BetterSqlite3(drifted);
    copy.exec(
      'UPDATE term_stats SET documents = documents + 1 WHERE term = (SELECT min(term) FROM term_stats)',
    );
    copy.close();
    const fresh = await createPostgresDatabase('casebook_migrate');
    databases.push(fresh);

    const { code, stdout, stderr } = await casebook(
      ['--json', 'migrate', '--from', `sqlite:${drifted}`, '--to', fresh.location],
      dir,
    );
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.ok, false);
    const failed = report.tables.filter((table: { ok: boolean }) => !table.ok);
    assert.deepEqual(
      failed.map((table: { name: string }) => table.name),
      ['term_stats'],
    );
    assert.equal(failed[0].targetRows, failed[0].rows);
    assert.match(stderr, /differs from the source in 1 table\(s\) \(term_stats: /);
    assert.match(stderr, /Every other table matches\./);
    assertNoPassword(fresh.location, stdout, stderr);
  });

  test('unsupported endpoints are rejected', async () => {
    const url = target.location;
    const cases: Array<[string, string]> = [
      [url, `sqlite:${source}`],
      [source, url],
      [`sqlite:${source}`, `sqlite:${path.join(dir, 'copy.db')}`],
      [`sqlite:${source}`, 'mysql://root:secret@127.0.0.1/casebook'],
      ['sqlite:', url],
    ];
    for (const [from, to] of cases) {
      const { code, stderr } = await casebook(['migrate', '--from', from, '--to', to], dir);
      assert.equal(code, 2, `${from} -> ${to}`);
      assert.match(stderr, /copies a SQLite database into PostgreSQL only/);
      assertNoPassword(url, stderr);
      assert.ok(!stderr.includes('secret'), stderr);
    }
    assert.equal(existsSync(path.join(dir, 'copy.db')), false);
  });

  test('missing source file is rejected', async () => {
    const missing = path.join(dir, 'missing.db');
    const { code, stderr } = await casebook(
      ['migrate', '--from', `sqlite:${missing}`, '--to', target.location],
      dir,
    );
    assert.equal(code, 1);
    assert.match(stderr, /missing\.db does not exist/);
    assert.equal(existsSync(missing), false);
  });
});
