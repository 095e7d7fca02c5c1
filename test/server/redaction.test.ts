import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  createAccount,
  login,
  signup,
  startTestServer,
  type Client,
  type TestServer,
} from './helpers.js';

describe('redaction of API text', () => {
  let server: TestServer;
  let agent: Client;
  let customer: Client;
  let caseId: number;

  async function storedTexts(id: number): Promise<string[]> {
    const rows = (await server.store.sql.all(
      'SELECT text FROM messages WHERE case_id = ? ORDER BY seq',
      [id],
    )) as Array<{ text: string }>;
    return rows.map((row) => row.text);
  }

  before(async () => {
    server = await startTestServer();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'agent@example.com', 'agent');
    customer = await signup(server.app, 'chen@example.com');
  });
  after(() => server.close());

  test('case text is stored redacted', async () => {
    // "SMS not received; my phone is 13912345678."
    const response = await customer.request('POST', '/api/v1/cases', {
      title: '收不到验证码 13912345678',
      description: '短信收不到，我的手机号是13912345678',
      product: '云短信',
      type: '短信发送问题',
    });
    assert.equal(response.statusCode, 201);
    caseId = response.json().case.id;
    const row = (await server.store.sql.get('SELECT title, description FROM cases WHERE id = ?', [
      caseId,
    ])) as { title: string; description: string };
    assert.equal(row.title, '收不到验证码 [PHONE_1]');
    assert.equal(row.description, '短信收不到，我的手机号是[PHONE_1]');
    assert.deepEqual(await storedTexts(caseId), ['短信收不到，我的手机号是[PHONE_1]']);
  });

  test('response carries only the placeholder', async () => {
    const response = await customer.request('GET', `/api/v1/cases/${caseId}`);
    assert.ok(!response.body.includes('13912345678'));
    assert.ok(response.body.includes('[PHONE_1]'));
  });

  test('numbering continues across messages', async () => {
    const first = await customer.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '也可以打我另一个号码 13800138000',
    });
    assert.equal(first.statusCode, 201);
    assert.equal(first.json().text, '也可以打我另一个号码 [PHONE_2]');

    const note = await agent.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '客户第三个号码 13700137000',
      internal: true,
    });
    assert.equal(note.json().text, '客户第三个号码 [PHONE_3]');

    const second = await customer.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '邮箱 chen.wei@example.com 或者 13600136000',
    });
    assert.equal(second.json().text, '邮箱 [EMAIL_1] 或者 [PHONE_4]');
  });

  test('no phone number reaches the messages table', async () => {
    const texts = await storedTexts(caseId);
    assert.equal(texts.length, 4);
    for (const text of texts) assert.doesNotMatch(text, /1[3-9]\d{9}/);
  });

  test('search index holds no phone number', async () => {
    const row = (await server.store.sql.get(
      "SELECT count(*) AS n FROM term_stats WHERE term LIKE '%13912345678%'",
    )) as { n: number };
    assert.equal(row.n, 0);
  });

  test('triage input is redacted', async () => {
    const response = await agent.request('POST', '/api/v1/triage', {
      text: '证书审核中，联系我 13512345678',
    });
    assert.equal(response.statusCode, 200);
    assert.ok(!response.body.includes('13512345678'));
    assert.deepEqual(response.json().redactions, [{ type: 'PHONE', placeholder: '[PHONE_1]' }]);
  });

  test('internal note stays out of the index', async () => {
    // The note's words must not make the case findable: search reads the dialogue only.
    const row = (await server.store.sql.get(
      "SELECT count(*) AS n FROM term_stats WHERE term = '第三个'",
    )) as { n: number };
    assert.equal(row.n, 0);
  });
});

describe('vault reveal through the API', () => {
  let server: TestServer;
  let agent: Client;
  let customer: Client;
  let caseId: number;

  before(async () => {
    server = await startTestServer({ vaultKey: randomBytes(32) });
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'vault-agent@example.com', 'agent');
    customer = await signup(server.app, 'vault-customer@example.com');
    const opened = await customer.request('POST', '/api/v1/cases', {
      title: '收不到验证码',
      description: '我的手机号是13912345678',
      product: '云短信',
      type: '短信发送问题',
    });
    caseId = opened.json().case.id;
    await customer.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '备用号码 13800138000',
    });
  });
  after(() => server.close());

  function reveal(client: Client, placeholder: string) {
    return client.request('POST', `/api/v1/cases/${caseId}/reveal`, {
      placeholder,
      reason: '客户要求回电',
    });
  }

  test('agent reveals a case value', async () => {
    const response = await reveal(agent, '[PHONE_1]');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().value, '13912345678');
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  test('agent reveals a message value', async () => {
    const response = await reveal(agent, '[PHONE_2]');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().value, '13800138000');
  });

  test('reveal is audited without the value', async () => {
    const rows = (await server.store.sql.all(
      "SELECT details FROM audit_log WHERE action = 'value.reveal'",
    )) as Array<{ details: string }>;
    assert.equal(rows.length, 2);
    for (const row of rows) assert.doesNotMatch(row.details, /138|139/);
  });

  test('customer cannot reveal', async () => {
    const response = await reveal(customer, '[PHONE_1]');
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().value, undefined);
  });

  test('unknown placeholder is a 404', async () => {
    const response = await reveal(agent, '[PHONE_9]');
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'value-not-found');
  });
});

describe('reveal without a vault', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('reveal reports the vault is off', async () => {
    const admin = await login(server.app, server.admin.email, server.admin.password);
    const response = await admin.request('POST', '/api/v1/cases/1/reveal', {
      placeholder: '[PHONE_1]',
      reason: '测试',
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'vault-disabled');
  });
});
