import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createAccount,
  errorCode,
  login,
  signup,
  startTestServer,
  type Client,
  type TestServer,
} from './helpers.js';

// "The free certificate has been under review for a day; the TXT record was added."
const CERT_QUESTION = {
  title: '免费证书一直在审核中',
  description: '免费证书申请了一天了还在审核中，域名的TXT记录已经添加了',
  product: 'CDN',
  type: '证书问题',
};

describe('cases through the API', () => {
  let server: TestServer;
  let agent: Client;
  let customer: Client;
  let other: Client;
  let caseId: number;

  before(async () => {
    server = await startTestServer();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'agent@example.com', 'agent');
    customer = await signup(server.app, 'zhang@example.com');
    other = await signup(server.app, 'wang@example.com');
  });
  after(() => server.close());

  test('customer submits a case with triage', async () => {
    const response = await customer.request('POST', '/api/v1/cases', CERT_QUESTION);
    assert.equal(response.statusCode, 201);
    const body = response.json();
    caseId = body.case.id;
    assert.equal(body.case.status, 'unanswered');
    assert.equal(body.case.channel, 'portal');
    assert.match(body.case.ref, /^W\d+$/);
    assert.equal(body.case.customerId, customer.user.id);
    assert.equal(body.triage.category.label, 'CDN｜证书问题');
  });

  test('customer triage omits agent-only parts', async () => {
    const response = await customer.request('GET', `/api/v1/cases/${caseId}/triage`);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.ok(body.category);
    assert.equal(body.similar, undefined);
    assert.equal(body.reply, undefined);
    assert.equal(body.needsHuman, undefined);
  });

  test('new case is searchable', async () => {
    const response = await agent.request('GET', '/api/v1/search?q=TXT记录 审核');
    assert.equal(response.statusCode, 200);
    const ids = response.json().hits.map((hit: { caseId: number }) => hit.caseId);
    assert.ok(ids.includes(caseId), `case ${caseId} not in ${ids.join(', ')}`);
  });

  test('agent lists it with filters', async () => {
    const response = await agent.request(
      'GET',
      '/api/v1/cases?status=unanswered&product=CDN&type=证书问题&channel=portal',
    );
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.total, 1);
    assert.equal(body.items[0].id, caseId);
    assert.equal(body.items[0].needsHuman, false);
  });

  test('oldest first lists an archive in order', async () => {
    // The imported cases share the import's time, so their ids decide.
    const response = await agent.request(
      'GET',
      '/api/v1/cases?channel=archive&sort=oldest&pageSize=3',
    );
    const refs = response.json().items.map((item: { ref: string }) => item.ref);
    assert.deepEqual(refs, ['Q1', 'Q2', 'Q3']);
  });

  test('list search narrows by q', async () => {
    const response = await agent.request('GET', '/api/v1/cases?q=TXT记录&channel=portal');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      response.json().items.map((item: { id: number }) => item.id),
      [caseId],
    );
  });

  test('list pages the archive', async () => {
    const response = await agent.request('GET', '/api/v1/cases?channel=archive&page=2&pageSize=10');
    const body = response.json();
    assert.equal(body.total, 95);
    assert.equal(body.items.length, 10);
    assert.equal(body.page, 2);
  });

  test('agent reads full triage', async () => {
    const response = await agent.request('GET', `/api/v1/cases/${caseId}/triage`);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.category.label, 'CDN｜证书问题');
    assert.ok(body.similar.length > 0);
    assert.ok(body.similar.every((hit: { source: string }) => hit.source !== 'portal'));
    // The first message repeats the description, so the question contains it once.
    assert.equal(body.query.split(CERT_QUESTION.description).length, 2, body.query);
    assert.equal(typeof body.needsHuman.value, 'boolean');
  });

  test('agent replies and adds a note', async () => {
    const reply = await agent.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '您好，请在证书控制台重新发起所有权验证。',
    });
    assert.equal(reply.statusCode, 201);
    assert.equal(reply.json().role, 'agent');
    const note = await agent.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '内部：CA 审核队列积压，已联系后端',
      internal: true,
    });
    assert.equal(note.statusCode, 201);
    assert.equal(note.json().internal, true);
  });

  test('reply marks the case answered', async () => {
    const response = await agent.request('GET', `/api/v1/cases/${caseId}`);
    const body = response.json();
    assert.equal(body.status, 'answered');
    assert.equal(typeof body.firstResponseAt, 'string');
    assert.equal(body.messages.length, 3);
  });

  test('customer sees reply but not note', async () => {
    const response = await customer.request('GET', `/api/v1/cases/${caseId}`);
    assert.equal(response.statusCode, 200);
    const texts = response.json().messages.map((m: { text: string }) => m.text);
    assert.ok(texts.some((text: string) => text.includes('所有权验证')));
    assert.ok(!texts.some((text: string) => text.includes('内部')));
    assert.equal(response.json().needsHuman, undefined);
  });

  test('customer cannot post an internal note', async () => {
    const response = await customer.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '我也想写内部备注',
      internal: true,
    });
    assert.equal(response.statusCode, 403);
    assert.equal(errorCode(response), 'forbidden');
  });

  test('customer reply reopens the case', async () => {
    const response = await customer.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '已经重新验证了，还是不行',
    });
    assert.equal(response.statusCode, 201);
    const detail = await agent.request('GET', `/api/v1/cases/${caseId}`);
    assert.equal(detail.json().status, 'unanswered');
  });

  test('other customer gets 404 for the case', async () => {
    for (const url of [
      `/api/v1/cases/${caseId}`,
      `/api/v1/cases/${caseId}/triage`,
      `/api/v1/cases/${caseId - 1}`,
    ]) {
      const response = await other.request('GET', url);
      assert.equal(response.statusCode, 404, url);
      assert.equal(errorCode(response), 'case-not-found', url);
      assert.equal(response.json().messages, undefined, url);
    }
    const post = await other.request('POST', `/api/v1/cases/${caseId}/messages`, { text: 'hi' });
    assert.equal(post.statusCode, 404);
  });

  test('customer list contains own cases only', async () => {
    const response = await other.request('GET', `/api/v1/cases?customerId=${customer.user.id}`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().total, 0);
    const own = await customer.request('GET', '/api/v1/cases');
    assert.equal(own.json().total, 1);
  });

  test('blank text is rejected', async () => {
    const blank = { ...CERT_QUESTION, description: '   \n  ' };
    const created = await other.request('POST', '/api/v1/cases', blank);
    assert.equal(created.statusCode, 400);
    assert.equal(errorCode(created), 'invalid-request');
    assert.match(created.json().error.message, /description must contain more than spaces/);
    const reply = await agent.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '   ',
    });
    assert.equal(reply.statusCode, 400);
  });

  test('customer cannot change a case', async () => {
    const response = await customer.request('PATCH', `/api/v1/cases/${caseId}`, {
      status: 'closed',
    });
    assert.equal(response.statusCode, 403);
  });

  test('status change writes an audit entry', async () => {
    const response = await agent.request('PATCH', `/api/v1/cases/${caseId}`, {
      status: 'resolved',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().status, 'resolved');
    assert.equal(typeof response.json().resolvedAt, 'string');
    const row = (await server.store.sql.get(
      "SELECT * FROM audit_log WHERE action = 'case.status' AND target_id = ?",
      [String(caseId)],
    )) as { actor_id: number; details: string };
    assert.equal(row.actor_id, agent.user.id);
    assert.deepEqual(JSON.parse(row.details), { from: 'unanswered', to: 'resolved' });
  });

  test('category override writes an audit entry', async () => {
    const before = (await server.store.sql.get(
      "SELECT documents FROM categories WHERE label = 'CDN｜配置问题'",
    )) as { documents: number };
    const response = await agent.request('PATCH', `/api/v1/cases/${caseId}`, {
      type: '配置问题',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().category, 'CDN｜配置问题');
    assert.equal(response.json().categorySource, 'agent');
    const row = (await server.store.sql.get(
      "SELECT details FROM audit_log WHERE action = 'case.category' AND target_id = ?",
      [String(caseId)],
    )) as { details: string };
    assert.deepEqual(JSON.parse(row.details), { from: 'CDN｜证书问题', to: 'CDN｜配置问题' });
    const after = (await server.store.sql.get(
      "SELECT documents FROM categories WHERE label = 'CDN｜配置问题'",
    )) as { documents: number };
    assert.equal(after.documents, before.documents + 1);
  });

  test('category override is redacted', async () => {
    const response = await agent.request('PATCH', `/api/v1/cases/${caseId}`, {
      product: '张伟13912345678',
      type: 'zhang.wei@example.com',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().category, '[NAME_1][PHONE_1]｜[EMAIL_1]');
    const labels = (await server.store.sql.all('SELECT label FROM categories')) as Array<{
      label: string;
    }>;
    assert.ok(labels.every((row) => !/13912345678|zhang\.wei/.test(row.label)));
    // Back to the category of the tests that follow.
    const back = await agent.request('PATCH', `/api/v1/cases/${caseId}`, {
      product: 'CDN',
      type: '配置问题',
    });
    assert.equal(back.statusCode, 200);
  });

  test('reply and note are audited', async () => {
    const rows = (await server.store.sql.all(
      'SELECT action FROM audit_log WHERE target_id = ? ORDER BY id',
      [String(caseId)],
    )) as Array<{ action: string }>;
    const actions = rows.map((row) => row.action);
    assert.ok(actions.includes('case.reply'));
    assert.ok(actions.includes('case.note'));
  });

  test('closed case rejects messages', async () => {
    await agent.request('PATCH', `/api/v1/cases/${caseId}`, { status: 'closed' });
    const response = await customer.request('POST', `/api/v1/cases/${caseId}/messages`, {
      text: '再问一下',
    });
    assert.equal(response.statusCode, 409);
    assert.equal(errorCode(response), 'case-closed');
  });

  test('hostile text comes back as text', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const response = await customer.request('POST', '/api/v1/cases', {
      title: hostile,
      description: `上传失败 ${hostile}`,
      product: '对象存储',
      type: '上传下载',
    });
    assert.equal(response.statusCode, 201);
    assert.match(response.headers['content-type'] as string, /^application\/json/);
    assert.equal(response.json().case.title, hostile);
    const row = (await server.store.sql.get('SELECT title FROM cases WHERE id = ?', [
      response.json().case.id,
    ])) as { title: string };
    assert.equal(row.title, hostile);
  });

  test('unknown category is rejected for customers', async () => {
    const response = await customer.request('POST', '/api/v1/cases', {
      ...CERT_QUESTION,
      product: '不存在的产品',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-category');
  });

  test('category is predicted when absent', async () => {
    const response = await customer.request('POST', '/api/v1/cases', {
      title: '证书审核',
      description: '免费证书申请后一直显示审核中',
    });
    assert.equal(response.statusCode, 201);
    const id = response.json().case.id;
    const detail = await agent.request('GET', `/api/v1/cases/${id}`);
    assert.equal(detail.json().categorySource, 'predicted');
  });

  test('csv export lists the filtered cases', async () => {
    const response = await agent.request('GET', '/api/v1/cases.csv?channel=portal');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/csv/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0]!.split(',')[0], 'id');
    assert.equal(lines.length, 1 + 3);
    const viaQuery = await agent.request('GET', '/api/v1/cases?format=csv&channel=portal');
    assert.equal(viaQuery.body, response.body);
  });

  test('customer cannot export csv', async () => {
    const response = await customer.request('GET', '/api/v1/cases.csv');
    assert.equal(response.statusCode, 403);
  });

  test('categories lists the archive categories', async () => {
    const response = await customer.request('GET', '/api/v1/categories');
    assert.equal(response.statusCode, 200);
    const labels = response.json().map((c: { label: string }) => c.label);
    assert.ok(labels.includes('CDN｜证书问题'));
  });

  test('anonymous requests get no case data', async () => {
    for (const url of ['/api/v1/cases', `/api/v1/cases/${caseId}`, '/api/v1/search?q=证书']) {
      const response = await server.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 401, url);
      assert.deepEqual(Object.keys(response.json()), ['error'], url);
    }
  });

  test('triage leaves the case out of the model', async () => {
    // Moving a case to another category must not make its triage predict that category from
    // the case's own counts.
    const created = await other.request('POST', '/api/v1/cases', {
      ...CERT_QUESTION,
      title: '证书部署后访问还是旧证书',
    });
    const id = created.json().case.id;
    const before = (await agent.request('GET', `/api/v1/cases/${id}/triage`)).json().category;
    const moved = await agent.request('PATCH', `/api/v1/cases/${id}`, {
      product: '云短信',
      type: '签名模板审核',
    });
    assert.equal(moved.statusCode, 200);
    const after = (await agent.request('GET', `/api/v1/cases/${id}/triage`)).json().category;
    assert.equal(after.label, before.label);
    assert.equal(after.confidence, before.confidence);
  });

  test('agent reply leaves needs-human alone', async () => {
    // "The bucket was deleted but is still billed"; the reply reports a stuck billing task.
    const question = { ...CERT_QUESTION, title: '对象存储空间删除后还在计费' };
    const created = await other.request('POST', '/api/v1/cases', {
      ...question,
      description: '空间已经删除了，为什么还在扣费',
    });
    const id = created.json().case.id;
    const reply = await agent.request('POST', `/api/v1/cases/${id}/messages`, {
      text: '您好，后台的计费任务卡住了，我们已经处理。',
    });
    assert.equal(reply.statusCode, 201);
    const detail = await agent.request('GET', `/api/v1/cases/${id}`);
    assert.equal(detail.json().needsHuman, false);
  });
});
