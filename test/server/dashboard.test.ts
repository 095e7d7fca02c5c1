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

type CaseFilter = Record<string, string | number | boolean>;

interface Counted {
  cases: number;
  filter: CaseFilter;
}

interface Dashboard {
  range: { from?: string; to?: string; bucket: string };
  volume: Array<Counted & { period: string; product: string; type: string }>;
  rootCauses: Array<Counted & { code: string | null }>;
  topIssues: Array<Counted & { rootCause: string }>;
  backlog: { unanswered: Counted; needsHuman: Counted; slow: Counted & { hours: number } };
  firstResponse: Counted & { p50Seconds: number | null };
  resolution: Counted & { p50Seconds: number | null };
  archive: Counted & {
    rootCauses: Array<Counted & { code: string | null }>;
    topIssues: Array<Counted & { rootCause: string }>;
  };
}

// The sample archive contains 95 cases without dates. These cases are opened in the helpdesk.
const REFUND = { title: '重复扣费', description: '这个月被重复扣费了，请帮我申请退款。' };
const QUESTION = { title: 'CDN 回源失败', description: 'CDN 加速后访问报 502，回源地址怎么检查？' };

describe('dashboard figures and drill-downs', () => {
  let server: TestServer;
  // The UTC day on which the cases were opened, read after seeding, so that a run crossing
  // midnight still requests that day.
  let seedDay: string;
  let agent: Client;
  let customer: Client;
  /** Case ids by what the test did with them. */
  const ids: Record<string, number> = {};

  async function open(name: string, body: { title: string; description: string }) {
    const response = await customer.request('POST', '/api/v1/cases', {
      ...body,
      product: 'CDN',
      type: '证书问题',
    });
    assert.equal(response.statusCode, 201, response.body);
    ids[name] = response.json().case.id as number;
    return ids[name]!;
  }

  async function reply(id: number) {
    const response = await agent.request('POST', `/api/v1/cases/${id}/messages`, {
      text: '您好，已为您核实处理。',
    });
    assert.equal(response.statusCode, 201, response.body);
  }

  async function setStatus(id: number, status: string) {
    const response = await agent.request('PATCH', `/api/v1/cases/${id}`, { status });
    assert.equal(response.statusCode, 200, response.body);
  }

  async function dashboard(query = ''): Promise<Dashboard> {
    const response = await agent.request('GET', `/api/v1/stats/dashboard${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as Dashboard;
  }

  /** Lists the ids of every case a filter selects, sorted. */
  async function listed(filter: CaseFilter): Promise<number[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) params.set(key, String(value));
    params.set('pageSize', '100');
    const response = await agent.request('GET', `/api/v1/cases?${params}`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { items: Array<{ id: number }>; total: number };
    assert.ok(body.total <= 100, `filter ${params} lists ${body.total} cases, more than a page`);
    return body.items.map((item) => item.id).sort((a, b) => a - b);
  }

  function idsOf(...names: string[]): number[] {
    return names.map((name) => ids[name]!).sort((a, b) => a - b);
  }

  before(async () => {
    server = await startTestServer();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'lead@example.com', 'agent');
    customer = await signup(server.app, 'dashboard@example.com');

    // Two wait for a first reply, and the refund request needs a person.
    await open('unansweredRefund', REFUND);
    await open('unanswered', QUESTION);
    // Answered: the refund still carries the needs-human flag, but the team has replied.
    await reply(await open('answeredRefund', REFUND));
    // Escalated by an agent without a reply.
    await setStatus(await open('escalatedRefund', REFUND), 'waiting-for-human');
    // One is answered, then resolved, and one is closed without any reply.
    const resolved = await open('resolved', QUESTION);
    await reply(resolved);
    await setStatus(resolved, 'resolved');
    await setStatus(await open('closed', QUESTION), 'closed');
    // Opened two days ago without a reply: slow, and outside a range that starts today.
    const old = await open('slow', QUESTION);
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000).toISOString();
    await server.store.sql.run('UPDATE cases SET opened_at = ?, created_at = ? WHERE id = ?', [
      twoDaysAgo,
      twoDaysAgo,
      old,
    ]);
    seedDay = new Date().toISOString().slice(0, 10);
  });
  after(() => server.close());

  test('backlog counts only open helpdesk cases', async () => {
    const { backlog } = await dashboard();

    assert.equal(backlog.unanswered.cases, 3);
    assert.deepEqual(
      await listed(backlog.unanswered.filter),
      idsOf('unansweredRefund', 'unanswered', 'slow'),
    );
    assert.equal(backlog.needsHuman.cases, 2);
    assert.deepEqual(
      await listed(backlog.needsHuman.filter),
      idsOf('unansweredRefund', 'escalatedRefund'),
    );
    assert.equal(backlog.slow.cases, 1);
    assert.equal(backlog.slow.hours, 24);
    assert.deepEqual(await listed(backlog.slow.filter), idsOf('slow'));
  });

  test('backlog ignores the date range', async () => {
    const today = seedDay;
    const { backlog } = await dashboard(`?from=${today}`);
    assert.equal(backlog.slow.cases, 1);
    assert.equal(backlog.slow.filter.from, undefined);
  });

  test('archive cases are not counted as opened today', async () => {
    const today = seedDay;
    const body = await dashboard(`?bucket=day&from=${today}`);
    const opened = body.volume.reduce((sum, row) => sum + row.cases, 0);

    assert.equal(opened, 6);
    assert.deepEqual([...new Set(body.volume.map((row) => row.period))], [today]);
    assert.equal(body.archive.cases, 95);
    assert.equal(body.archive.filter.channel, 'archive');
    // The sample has unanswered and needs-human records; none of them is helpdesk backlog.
    assert.ok((await listed({ channel: 'archive', status: 'unanswered' })).length > 0);
    assert.ok((await listed({ channel: 'archive', needsHuman: true })).length > 0);
    assert.equal(body.backlog.unanswered.cases, 3);
  });

  test('response times count their drill-down cases', async () => {
    const body = await dashboard();

    assert.equal(body.firstResponse.cases, 2);
    assert.deepEqual(await listed(body.firstResponse.filter), idsOf('answeredRefund', 'resolved'));
    assert.equal(typeof body.firstResponse.p50Seconds, 'number');
    assert.equal(body.resolution.cases, 2);
    assert.deepEqual(await listed(body.resolution.filter), idsOf('resolved', 'closed'));
    assert.equal(typeof body.resolution.p50Seconds, 'number');
  });

  test('every figure lists the cases it counts', async () => {
    // A range that starts inside a week checks that volume drill-downs are cut to the range.
    const from = new Date(Date.now() - 36 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    for (const query of ['', '?bucket=day', `?bucket=week&from=${from}&to=${to}`]) {
      const body = await dashboard(query);
      const figures: Array<[string, Counted]> = [
        ['backlog.unanswered', body.backlog.unanswered],
        ['backlog.needsHuman', body.backlog.needsHuman],
        ['backlog.slow', body.backlog.slow],
        ['firstResponse', body.firstResponse],
        ['resolution', body.resolution],
        ['archive', body.archive],
        ...body.volume.map((row): [string, Counted] => [`volume ${row.period}`, row]),
        ...body.rootCauses.map((row): [string, Counted] => [`rootCause ${row.code}`, row]),
        ...body.topIssues.map((row): [string, Counted] => [`topIssue ${row.rootCause}`, row]),
        ...body.archive.rootCauses.map((row): [string, Counted] => [
          `archive rootCause ${row.code}`,
          row,
        ]),
        ...body.archive.topIssues.map((row): [string, Counted] => [
          `archive topIssue ${row.rootCause}`,
          row,
        ]),
      ];
      for (const [name, figure] of figures) {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(figure.filter)) params.set(key, String(value));
        const response = await agent.request('GET', `/api/v1/cases?${params}`);
        assert.equal(response.json().total, figure.cases, `${name} with query "${query}"`);
      }
    }
  });

  test('volume drill-down is cut to the range', async () => {
    const from = new Date(Date.now() - 36 * 3_600_000).toISOString();
    const body = await dashboard(`?bucket=month&from=${from}`);
    const total = body.volume.reduce((sum, row) => sum + row.cases, 0);

    // The case opened two days ago is before the range, though in the same month.
    assert.equal(total, 6);
    for (const row of body.volume) {
      assert.ok(String(row.filter.from) >= from, `${row.period} starts before the range`);
      assert.ok(String(row.filter.from) >= row.period, `${row.period} starts before its period`);
    }
  });

  test('distributions without helpdesk cases are empty', async () => {
    const body = await dashboard('?from=2001-01-01&to=2001-02-01');

    assert.deepEqual(body.volume, []);
    assert.deepEqual(body.rootCauses, []);
    assert.deepEqual(body.topIssues, []);
    assert.ok(body.archive.rootCauses.length > 0);
    assert.ok(body.archive.topIssues.length > 0);
  });

  test('inverted range is rejected', async () => {
    const response = await agent.request(
      'GET',
      '/api/v1/stats/dashboard?from=2026-03-01&to=2026-02-01',
    );
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
    assert.match(response.json().error.message, /from \(2026-03-01\) is after to \(2026-02-01\)/);
  });

  test('equal range bounds are accepted', async () => {
    const response = await agent.request(
      'GET',
      '/api/v1/stats/dashboard?from=2026-03-01&to=2026-03-01',
    );
    assert.equal(response.statusCode, 200);
  });
});

describe('case list filters for drill-downs', () => {
  let server: TestServer;
  let agent: Client;

  before(async () => {
    server = await startTestServer();
    const admin = await login(server.app, server.admin.email, server.admin.password);
    agent = await createAccount(admin, 'filters@example.com', 'agent');
    const customer = await signup(server.app, 'filters-customer@example.com');
    for (const body of [REFUND, QUESTION]) {
      const response = await customer.request('POST', '/api/v1/cases', {
        ...body,
        product: 'CDN',
        type: '证书问题',
      });
      assert.equal(response.statusCode, 201, response.body);
    }
    const first = (await agent.request('GET', '/api/v1/cases?channel=portal&sort=oldest')).json()
      .items[0].id as number;
    await agent.request('POST', `/api/v1/cases/${first}/messages`, { text: '您好，已处理。' });
  });
  after(() => server.close());

  async function total(query: string): Promise<number> {
    const response = await agent.request('GET', `/api/v1/cases?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().total as number;
  }

  test('status list matches any of its statuses', async () => {
    const answered = await total('status=answered');
    const unanswered = await total('status=unanswered');
    assert.equal(await total('status=answered,unanswered'), answered + unanswered);
  });

  test('channel list matches any of its channels', async () => {
    assert.equal(await total('channel=portal,intake'), 2);
    assert.equal(await total('channel=archive,portal'), 97);
  });

  test('responded splits cases by first response', async () => {
    assert.equal(await total('channel=portal&responded=true'), 1);
    assert.equal(await total('channel=portal&responded=false'), 1);
  });

  test('unknown channel in a list is rejected', async () => {
    const response = await agent.request('GET', '/api/v1/cases?channel=portal,email');
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
  });
});
