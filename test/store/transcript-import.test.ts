import { after, before, describe, test } from 'node:test';
import { openTestStore } from '../database.js';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { importArchives } from '../../src/ingest/index.js';
import { calibrateCategoryModel } from '../../src/triage/index.js';
import { findCase, type Store } from '../../src/store/index.js';
import { SAMPLE, fixture, tempDir } from '../helpers.js';

const FILES = ['chats.jsonl', 'messages.csv', 'chat-log.txt'].map((name) =>
  fixture('transcripts', name),
);

describe('transcript import', () => {
  const { dir, cleanup } = tempDir();
  let store: Store;

  before(async () => {
    store = await openTestStore(dir, 'cases.db');
    await importArchives(store, [SAMPLE]);
    await calibrateCategoryModel(store);
  });
  after(async () => {
    await store.close();
    cleanup();
  });

  test('all three formats import', async () => {
    const summary = await importArchives(store, FILES);
    assert.deepEqual(summary.errors, []);
    assert.ok(summary.imported >= 6, `imported ${summary.imported}`);
    const sources = (await store.sql.all('SELECT name FROM sources ORDER BY name')) as Array<{
      name: string;
    }>;
    for (const name of ['chat-log.txt', 'chats.jsonl', 'messages.csv']) {
      assert.ok(
        sources.some((s) => s.name === name),
        name,
      );
    }
  });

  test('re-import changes nothing', async () => {
    const summary = await importArchives(store, FILES);
    assert.equal(summary.imported, 0);
    assert.equal(summary.updated, 0);
  });

  test('contact data is redacted', async () => {
    const rows = (await store.sql.all('SELECT text FROM messages')) as Array<{ text: string }>;
    const all = rows.map((row) => row.text).join('\n');
    for (const value of [
      'dev-team@example.com',
      'finance@example.com',
      'ops@example.com',
      '13800000000',
      '139-0000-0000',
    ]) {
      assert.ok(!all.includes(value), `${value} stored in clear`);
    }
  });

  test('record fields are complete', async () => {
    const found = await findCase(store, 'chats.jsonl', 'T-c-1001');
    assert.ok(found);
    assert.equal(found.title, '免费证书一直在审核中');
    assert.equal(found.product, 'CDN');
    assert.equal(found.type, '证书问题');
    assert.match(found.description, /免费证书申请了两天/);
    assert.doesNotMatch(found.answer, /^您好，稍等/);
    assert.equal(found.status, 'customer-resolved');
    assert.ok(found.turns.length >= 8);
  });

  test('timing is stored', async () => {
    const row = (await store.sql.get(
      "SELECT first_response_seconds AS first, duration_seconds AS duration, opened_at FROM cases WHERE ref = 'T-c-1001'",
    )) as { first: number; duration: number; opened_at: string };
    assert.ok(row.first > 0);
    assert.ok(row.duration >= row.first);
    assert.match(row.opened_at, /^2024-10-07T/);
  });

  test('meaningless title is replaced', async () => {
    const found = await findCase(store, 'chats.jsonl', 'T-c-1002');
    assert.ok(found);
    assert.notEqual(found.title, '1');
    assert.ok(found.title.length >= 4);
  });

  test('missing category is predicted', async () => {
    const rows = (await store.sql.all(
      "SELECT product, type FROM cases WHERE category_source = 'predicted'",
    )) as Array<{ product: string; type: string }>;
    for (const row of rows) {
      assert.notEqual(row.product, '');
      assert.notEqual(row.type, '');
    }
  });

  test('disputed source category is flagged', async () => {
    const file = path.join(dir, 'wrong.jsonl');
    const conversation = {
      id: 'w-1',
      title: '证书问题',
      category: '云短信｜短信发送问题',
      messages: [
        {
          role: 'customer',
          text: '免费SSL证书申请了一天还在审核中，域名所有权验证的TXT记录已经添加了，https证书什么时候签发',
        },
        { role: 'agent', text: '您好，您的证书还在等待CA机构审核，请耐心等待' },
      ],
    };
    writeFileSync(file, `${JSON.stringify(conversation)}\n`);
    await importArchives(store, [file]);

    const row = (await store.sql.get(
      "SELECT product, category_note FROM cases WHERE ref = 'T-w-1'",
    )) as {
      product: string;
      category_note: string;
    };
    assert.equal(row.product, '云短信');
    const note = JSON.parse(row.category_note);
    assert.equal(note.predicted, 'CDN｜证书问题');
    assert.ok(note.evidence.includes('证书'));
  });

  test('personal source category is predicted', async () => {
    const file = path.join(dir, 'personal-category.jsonl');
    const conversation = {
      id: 'p-1',
      category: '张伟13800001111｜账户问题',
      messages: [
        { role: 'customer', text: '账号登录不了，一直提示密码错误，能帮我看看吗' },
        { role: 'agent', text: '您好，请在登录页点击忘记密码，通过绑定的手机号重置' },
      ],
    };
    writeFileSync(file, `${JSON.stringify(conversation)}\n`);
    await importArchives(store, [file]);

    const row = (await store.sql.get(
      "SELECT product, category_source, category_note FROM cases WHERE ref = 'T-p-1'",
    )) as { product: string; category_source: string; category_note: string };
    assert.equal(row.category_source, 'predicted');
    assert.doesNotMatch(row.product, /\[/);
    assert.doesNotMatch(row.category_note, /13800001111|张伟/);
    assert.equal(JSON.parse(row.category_note).given, '[NAME_1][PHONE_1]｜账户问题');
    const labels = (await store.sql.all('SELECT label FROM categories')) as Array<{
      label: string;
    }>;
    assert.ok(labels.every((entry) => !entry.label.includes('[NAME_1]')));
  });
});
