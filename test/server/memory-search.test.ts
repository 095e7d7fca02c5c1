import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_BACKEND } from '../database.js';
import { memorySearchOf } from '../../src/search/index.js';
import { tempDir } from '../helpers.js';
import {
  createAccount,
  login,
  signup,
  startTestServer,
  type Client,
  type TestServer,
} from './helpers.js';

// "The 'Tiger Lily' bucket cannot be uploaded to": a word no sample case contains.
const QUESTION = {
  title: '虎皮百合存储桶无法上传',
  description: '虎皮百合存储桶上传文件一直失败',
  product: '对象存储',
  type: '上传下载',
};

describe('server with the in-memory search index', () => {
  let server: TestServer;
  let agent: Client;
  let customer: Client;
  let caseId: number;

  before(async () => {
    server = await startTestServer({ memorySearch: true });
    await server.app.ready();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'agent@example.com', 'agent');
    customer = await signup(server.app, 'zhang@example.com');
  });
  after(() => server.close());

  test('index loads after start', async () => {
    for (let i = 0; i < 200 && !memorySearchOf(server.store); i++) await sleep(50);
    assert.equal(memorySearchOf(server.store)?.size, 95);
  });

  test('snapshot written beside the database', { skip: TEST_BACKEND !== 'sqlite' }, async () => {
    const file = path.join(server.dir, 'cases.db.search-index');
    for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(50);
    assert.ok(existsSync(file));
  });

  test('new case found at once', async () => {
    const created = await customer.request('POST', '/api/v1/cases', QUESTION);
    assert.equal(created.statusCode, 201);
    caseId = created.json().case.id;

    const search = await agent.request('GET', '/api/v1/search?q=虎皮百合');
    assert.deepEqual(
      search.json().hits.map((hit: { caseId: number }) => hit.caseId),
      [caseId],
    );
    const list = await agent.request('GET', '/api/v1/cases?q=虎皮百合');
    assert.deepEqual(
      list.json().items.map((item: { id: number }) => item.id),
      [caseId],
    );
  });

  test('reply found by its words', async () => {
    // "Please check the bucket's referer whitelist (the 'snowflake' rule)."
    const reply = await agent.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '请检查存储桶的防盗链白名单，雪花规则',
    });
    assert.equal(reply.statusCode, 201);
    const search = await agent.request('GET', '/api/v1/search?q=雪花规则');
    assert.ok(
      search.json().hits.some((hit: { caseId: number }) => hit.caseId === caseId),
      search.body,
    );
  });
});

describe('server closed while the index loads', () => {
  test('closes without an error', async () => {
    const server = await startTestServer({ memorySearch: true });
    await server.app.ready();
    await server.close();
  });
});

describe('server with a given snapshot file', () => {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'instance-1.search-index');
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ memorySearch: true, indexSnapshot: file });
    await server.app.ready();
  });
  after(async () => {
    await server.close();
    cleanup();
  });

  test('snapshot written to the file', async () => {
    const ready = () => existsSync(file) && memorySearchOf(server.store) !== undefined;
    for (let i = 0; i < 200 && !ready(); i++) await sleep(50);
    assert.ok(existsSync(file));
    assert.equal(memorySearchOf(server.store)?.size, 95);
  });
});
