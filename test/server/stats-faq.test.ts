import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nextPeriod, percentile } from '../../src/server/stats/dashboard.js';
import {
  createAccount,
  errorCode,
  login,
  signup,
  startTestServer,
  type Client,
  type TestServer,
} from './helpers.js';

describe('dashboard statistics', () => {
  let server: TestServer;
  let agent: Client;
  let customer: Client;

  before(async () => {
    server = await startTestServer();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'lead@example.com', 'agent');
    customer = await signup(server.app, 'stats@example.com');
    const opened = await customer.request('POST', '/api/v1/cases', {
      title: '上传报错',
      description: '控制台上传文件报错 403',
      product: '对象存储',
      type: '上传下载',
    });
    const id = opened.json().case.id;
    await agent.request('POST', `/api/v1/cases/${id}/messages`, { text: '您好，请检查空间权限。' });
    await agent.request('PATCH', `/api/v1/cases/${id}`, { status: 'resolved' });
  });
  after(() => server.close());

  test('dashboard returns its series', async () => {
    const response = await agent.request('GET', '/api/v1/stats/dashboard?bucket=day');
    assert.equal(response.statusCode, 200);
    const body = response.json();
    // The 95 imported cases are history: only the one portal case counts as opened.
    const total = body.volume.reduce((sum: number, row: { cases: number }) => sum + row.cases, 0);
    assert.equal(total, 1);
    assert.equal(body.archive.cases, 95);
    assert.ok(body.archive.rootCauses.length > 0);
    assert.ok(body.archive.topIssues.length > 0);
    assert.equal(typeof body.backlog.unanswered.cases, 'number');
    assert.equal(body.firstResponse.cases, 1);
    assert.equal(body.resolution.cases, 1);
  });

  test('volume filter lists its cases', async () => {
    const dashboard = (await agent.request('GET', '/api/v1/stats/dashboard?bucket=month')).json();
    const row = dashboard.volume[0];
    const query = new URLSearchParams(row.filter).toString();
    const list = await agent.request('GET', `/api/v1/cases?${query}`);
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().total, row.cases);
  });

  test('root cause filter lists its cases', async () => {
    const dashboard = (await agent.request('GET', '/api/v1/stats/dashboard')).json();
    for (const cause of dashboard.rootCauses.slice(0, 3)) {
      const query = new URLSearchParams(cause.filter).toString();
      const list = await agent.request('GET', `/api/v1/cases?${query}`);
      assert.equal(list.json().total, cause.cases, cause.code);
    }
  });

  test('needs-human filter lists its cases', async () => {
    const dashboard = (await agent.request('GET', '/api/v1/stats/dashboard')).json();
    const { cases, filter } = dashboard.backlog.needsHuman;
    const list = await agent.request('GET', `/api/v1/cases?${new URLSearchParams(filter)}`);
    assert.equal(list.json().total, cases);
  });

  test('customers cannot read the dashboard', async () => {
    const response = await customer.request('GET', '/api/v1/stats/dashboard');
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().volume, undefined);
  });

  test('percentile uses nearest rank', () => {
    assert.equal(percentile([5, 1, 3, 2, 4], 0.5), 3);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
    assert.equal(percentile([], 0.5), null);
  });

  test('next period steps by bucket', () => {
    assert.equal(nextPeriod('2024-12-30', 'week'), '2025-01-06');
    assert.equal(nextPeriod('2024-01-31', 'day'), '2024-02-01');
    assert.equal(nextPeriod('2024-12-01', 'month'), '2025-01-01');
  });
});

describe('faq review and suggestions', () => {
  let server: TestServer;
  let agent: Client;

  before(async () => {
    server = await startTestServer();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'reviewer@example.com', 'agent');
  });
  after(() => server.close());

  test('mining stores pending entries', async () => {
    const response = await agent.request('POST', '/api/v1/faq/mine?minCases=2');
    assert.equal(response.statusCode, 200);
    assert.ok(response.json().created > 0);
    const pending = await agent.request('GET', '/api/v1/faq?status=pending');
    assert.ok(pending.json().length > 0);
  });

  test('approved entry is suggested publicly', async () => {
    const pending = (await agent.request('GET', '/api/v1/faq?status=pending')).json();
    const entry = pending.find((e: { rootCauseCode: string | null }) => e.rootCauseCode);
    assert.ok(entry, 'no mined entry with a root cause');
    const review = await agent.request('PATCH', `/api/v1/faq/${entry.id}`, {
      status: 'approved',
      question: `${entry.question}（联系 13912345678）`,
    });
    assert.equal(review.statusCode, 200);
    assert.equal(review.json().status, 'approved');
    assert.ok(!review.json().question.includes('13912345678'));

    const suggest = await server.app.inject({
      method: 'GET',
      url: `/api/v1/faq/suggest?q=${encodeURIComponent(entry.question)}`,
    });
    assert.equal(suggest.statusCode, 200);
    const ids = suggest.json().map((s: { id: number }) => s.id);
    assert.ok(ids.includes(entry.id));
    assert.equal(suggest.json()[0].refs, undefined);
  });

  test('unknown faq id is a 404', async () => {
    const response = await agent.request('PATCH', '/api/v1/faq/99999', { status: 'rejected' });
    assert.equal(response.statusCode, 404);
    assert.equal(errorCode(response), 'faq-not-found');
  });

  test('review is audited', async () => {
    const row = (await server.store.sql.get(
      "SELECT count(*) AS n FROM audit_log WHERE action IN ('faq.review', 'faq.edit')",
    )) as { n: number };
    assert.equal(row.n, 2);
  });
});
