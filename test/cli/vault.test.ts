import { after, before, describe, test } from 'node:test';
import { databaseFor } from '../database.js';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../../src/cli/run.js';
import { captureIO, fixture, tempDir } from '../helpers.js';

const CHATS = fixture('transcripts', 'chats.jsonl');

describe('contact vault', () => {
  const { dir, cleanup } = tempDir();
  const db = databaseFor(dir, 'vault.db');
  const key = randomBytes(32).toString('base64');

  async function casebook(env: NodeJS.ProcessEnv, ...args: string[]) {
    const io = captureIO({ cwd: dir, env });
    const code = await runCli(['--db', db, ...args], io);
    return { code, stdout: io.output(), stderr: io.errors() };
  }

  /** Reveals a placeholder of case T-c-1003 with the vault key, as JSON. */
  function revealWithKey(placeholder: string, reason: string) {
    const env = { CASEBOOK_VAULT_KEY: key };
    return casebook(
      env,
      '--json',
      'reveal',
      'chats.jsonl',
      'T-c-1003',
      placeholder,
      '--reason',
      reason,
    );
  }

  before(async () => {
    assert.equal((await casebook({ CASEBOOK_VAULT_KEY: key }, 'import', CHATS)).code, 0);
  });
  after(cleanup);

  test('reveal returns the original value', async () => {
    const { code, stdout } = await revealWithKey('[PHONE_1]', 'refund call from 13912345678');
    assert.equal(code, 0);
    assert.equal(JSON.parse(stdout).value, '13800000000');
  });

  test('every reveal is logged', async () => {
    const { stdout } = await casebook({}, '--json', 'reveal-log');
    const entries = JSON.parse(stdout);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].placeholder, '[PHONE_1]');
    // The reason is free text, redacted before it is logged.
    assert.equal(entries[0].reason, 'refund call from [PHONE_1]');
  });

  test('database holds only ciphertext', async () => {
    const store = await openStore({ path: db });
    const rows = await store.sql.all<{ type: string; sealed: string }>(
      'SELECT type, sealed FROM vault_entries',
    );
    await store.close();
    assert.ok(rows.length >= 3);
    for (const row of rows) {
      assert.match(row.sealed, /^v1\./);
      assert.ok(!row.sealed.includes('13800000000'));
      assert.ok(
        ['PHONE', 'EMAIL', 'NAME', 'LANDLINE', 'WECHAT', 'QQ'].includes(row.type),
        row.type,
      );
    }
  });

  test('reveal takes a placeholder without brackets', async () => {
    const { code, stdout } = await revealWithKey('PHONE_1', 'callback');
    assert.equal(code, 0);
    assert.equal(JSON.parse(stdout).value, '13800000000');
  });

  test('reveal without key is rejected', async () => {
    const { code, stderr } = await casebook(
      {},
      'reveal',
      'chats.jsonl',
      'T-c-1003',
      '[PHONE_1]',
      '--reason',
      'x',
    );
    assert.equal(code, 2);
    assert.match(stderr, /CASEBOOK_VAULT_KEY/);
  });

  test('wrong key fails to open', async () => {
    const env = { CASEBOOK_VAULT_KEY: randomBytes(32).toString('base64') };
    const { code, stderr } = await casebook(
      env,
      'reveal',
      'chats.jsonl',
      'T-c-1003',
      '[PHONE_1]',
      '--reason',
      'x',
    );
    assert.equal(code, 1);
    assert.match(stderr, /another key/);
  });

  test('unknown placeholder is not found', async () => {
    const env = { CASEBOOK_VAULT_KEY: key };
    const { code, stderr } = await casebook(
      env,
      'reveal',
      'chats.jsonl',
      'T-c-1003',
      '[PHONE_9]',
      '--reason',
      'x',
    );
    assert.equal(code, 1);
    assert.match(stderr, /No sealed value/);
  });

  test('vault is off by default', async () => {
    const otherDb = databaseFor(dir, 'plain.db');
    const io = captureIO({ cwd: dir });
    assert.equal(await runCli(['--db', otherDb, 'import', CHATS], io), 0);
    const store = await openStore({ path: otherDb });
    const row = await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM vault_entries');
    await store.close();
    assert.equal(row?.n, 0);
  });
});
