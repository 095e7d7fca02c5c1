import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { counterKey } from '../../src/store/rate-limits.js';
import {
  adminTokenClient,
  logIn,
  startInstance,
  SAMPLE_ARCHIVE,
  type ApiClient,
  type Instance,
} from './instances.js';
import {
  faultTestsSkipReason,
  queryRows,
  startPrivatePostgres,
  type PrivatePostgres,
} from './private-postgres.js';

const ADMIN_EMAIL = 'admin@casebook.invalid';
// The default login limit is 10 per 15 minutes per client address. The serve command has no
// option to lower it, so the test spends the whole allowance.
const LOGIN_LIMIT = 10;
const LOGIN_ROUTE = 'POST /api/v1/auth/login';

describe('two instances on one database', { skip: faultTestsSkipReason() }, () => {
  let server: PrivatePostgres | undefined;
  let databaseUrl = '';
  let a: Instance | undefined;
  let b: Instance | undefined;
  let adminA: ApiClient;
  let password = '';

  before(
    async () => {
      server = await startPrivatePostgres();
      databaseUrl = await server.createDatabase('shared_state');
      // A imports the sample and creates the admin, so B finds both done.
      a = await startInstance({ name: 'A', databaseUrl, importIfEmpty: [SAMPLE_ARCHIVE] });
      b = await startInstance({ name: 'B', databaseUrl, importIfEmpty: [SAMPLE_ARCHIVE] });
      assert.ok(a.adminPassword, `A printed no admin password:\n${a.stdout()}`);
      assert.equal(b.adminPassword, null, 'B created a second admin');
      password = a.adminPassword;
      adminA = await adminTokenClient(a);
    },
    { timeout: 90_000 },
  );

  after(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await server?.stop();
  });

  test('sample imported once', async () => {
    const [row] = await queryRows<{ cases: number }>(
      databaseUrl,
      'SELECT count(*)::int AS cases FROM cases',
    );
    assert.equal(row!.cases, 95);
  });

  test('case created on A visible on B', { timeout: 20_000 }, async (t) => {
    const created = await adminA.request<{ case: { id: number } }>('POST', '/cases', {
      // "Certificate issuance stuck in review": applied two days ago, DNS record added as instructed.
      title: '证书签发一直在审核中',
      description: '申请免费证书已经两天，状态一直是审核中，域名解析已按提示添加。',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const caseId = created.body.case.id;
    const createdAt = performance.now();

    const adminB = adminA.at(b!.url);
    let delayMs = -1;
    while (performance.now() - createdAt < 1000) {
      const response = await adminB.request<{ id: number }>('GET', `/cases/${caseId}`);
      if (response.status === 200) {
        delayMs = performance.now() - createdAt;
        break;
      }
      assert.equal(response.status, 404, JSON.stringify(response.body));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    t.diagnostic(`case ${caseId} visible on B after ${delayMs.toFixed(1)} ms`);
    assert.ok(delayMs >= 0, `case ${caseId} not visible on B within 1 s`);

    const list = await adminB.request<{ items: Array<{ id: number }> }>(
      'GET',
      '/cases?sort=newest&pageSize=5',
    );
    assert.equal(list.status, 200);
    assert.ok(
      list.body.items.some((item) => item.id === caseId),
      'case missing from B list',
    );
  });

  test('session from A accepted on B', async () => {
    const { response, client } = await logIn(a!.url, ADMIN_EMAIL, password);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const onB = client!.at(b!.url);

    const me = await onB.request<{ user: { email: string }; csrfToken: string }>('GET', '/auth/me');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.user.email, ADMIN_EMAIL);
    assert.equal(me.body.csrfToken, response.body.csrfToken);

    // A write proves that B also accepts the CSRF token issued by A.
    // "Received, working on it."
    const reply = await onB.request('POST', '/cases/1/messages', { text: '已收到，正在处理。' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));

    const logout = await onB.request('POST', '/auth/logout');
    assert.ok(logout.status < 300, `logout on B: ${logout.status}`);
    const afterLogout = await client!.request('GET', '/auth/me');
    assert.equal(afterLogout.status, 401, 'session ended on B still works on A');
  });

  test('login rate limit counted across both', { timeout: 40_000 }, async (t) => {
    // The counter's key is an HMAC of the client address with the database's salt.
    const [salt] = await queryRows<{ value: string }>(
      databaseUrl,
      "SELECT value FROM settings WHERE key = 'rate-limit.key-salt'",
      [],
    );
    // Earlier tests of this suite logged in, so the salt exists by now.
    assert.ok(salt, 'no rate-limit salt stored yet');
    const loginRateKey = counterKey(salt.value, LOGIN_ROUTE, '127.0.0.1');
    const [counter] = await queryRows<{ count: number }>(
      databaseUrl,
      'SELECT count FROM rate_limits WHERE key = $1',
      [loginRateKey],
    );
    const spent = counter?.count ?? 0;
    assert.ok(spent < LOGIN_LIMIT, `${spent} logins counted before the test`);

    // Wrong passwords, alternating between the instances, until the limit is reached.
    const statuses: string[] = [];
    for (let attempt = spent + 1; attempt <= LOGIN_LIMIT + 2; attempt += 1) {
      const instance = attempt % 2 === 0 ? a! : b!;
      const { response } = await logIn(instance.url, ADMIN_EMAIL, 'wrong-password-123');
      statuses.push(`${instance.name}:${response.status}`);
      const remaining = response.headers.get('x-ratelimit-remaining');
      if (attempt <= LOGIN_LIMIT) {
        assert.equal(response.status, 401, `attempt ${attempt} on ${instance.name}`);
        assert.equal(remaining, String(LOGIN_LIMIT - attempt), `attempt ${attempt} remaining`);
      } else {
        assert.equal(response.status, 429, `attempt ${attempt} on ${instance.name}`);
        assert.ok(response.headers.get('retry-after'), '429 without retry-after');
      }
    }
    t.diagnostic(`login attempts after ${spent} earlier logins: ${statuses.join(' ')}`);

    // The right password is rejected too once the limit is spent.
    const { response } = await logIn(a!.url, ADMIN_EMAIL, password);
    assert.equal(response.status, 429);
  });
});
