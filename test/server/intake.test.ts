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

// An order monitor reports a certificate order stuck in review for 48 hours.
const STUCK_ORDER = {
  title: '证书订单审核超时',
  description: '订单 SSL-20240611-0042 的免费证书已审核 48 小时仍未签发',
  product: 'CDN',
  type: '证书问题',
};

describe('intake and API tokens', () => {
  let server: TestServer;
  let admin: Client;
  let intakeToken: string;
  let apiToken: string;

  function intake(body: object, key: string, token = intakeToken) {
    return server.app.inject({
      method: 'POST',
      url: '/api/v1/intake',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      payload: body,
    });
  }

  async function countIntakeCases(): Promise<number> {
    const row = (await server.store.sql.get(
      "SELECT count(*) AS n FROM cases WHERE channel = 'intake'",
    )) as { n: number };
    return row.n;
  }

  before(async () => {
    server = await startTestServer();
    admin = await login(server.app, server.admin.email, server.admin.password);
    const agent = await createAccount(admin, 'monitor@example.com', 'agent');
    const created = await admin.request('POST', '/api/v1/tokens', {
      name: 'order monitor',
      scope: 'intake',
      userId: agent.user.id,
    });
    intakeToken = created.json().token;
    const api = await admin.request('POST', '/api/v1/tokens', { name: 'reporting', scope: 'api' });
    apiToken = api.json().token;
  });
  after(() => server.close());

  test('token is shown once and stored hashed', async () => {
    assert.match(intakeToken, /^cbk_[A-Za-z0-9_-]{43}$/);
    const rows = (await server.store.sql.all('SELECT * FROM api_tokens')) as Array<
      Record<string, unknown>
    >;
    assert.equal(rows.length, 2);
    for (const row of rows) assert.ok(!JSON.stringify(row).includes(intakeToken.slice(10)));
    const list = await admin.request('GET', '/api/v1/tokens');
    assert.ok(!list.body.includes(intakeToken));
  });

  test('intake opens a case', async () => {
    const response = await intake(STUCK_ORDER, 'order-0042-stuck');
    assert.equal(response.statusCode, 201);
    assert.equal(response.json().channel, 'intake');
    assert.match(response.json().ref, /^I\d+$/);
    assert.equal(await countIntakeCases(), 1);
  });

  test('same key twice opens one case', async () => {
    const first = await intake(STUCK_ORDER, 'order-0043-stuck');
    const second = await intake(STUCK_ORDER, 'order-0043-stuck');
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
    assert.equal(await countIntakeCases(), 2);
  });

  test('concurrent retries open one case', async () => {
    const responses = await Promise.all([
      intake(STUCK_ORDER, 'order-0044-stuck'),
      intake(STUCK_ORDER, 'order-0044-stuck'),
      intake(STUCK_ORDER, 'order-0044-stuck'),
    ]);
    const ids = new Set(responses.map((response) => response.json().id));
    assert.equal(ids.size, 1);
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 200, 201]);
    assert.equal(await countIntakeCases(), 3);
  });

  test('key is stored as a digest', async () => {
    const key = 'order-13912345678-zhang.wei@example.com';
    const first = await intake(STUCK_ORDER, key);
    const second = await intake(STUCK_ORDER, key);
    assert.equal(first.statusCode, 201);
    assert.equal(second.json().id, first.json().id);
    const rows = (await server.store.sql.all(
      'SELECT idempotency_key FROM intake_requests',
    )) as Array<{
      idempotency_key: string;
    }>;
    for (const row of rows) assert.match(row.idempotency_key, /^sha256:[0-9a-f]{64}$/);
    assert.equal(await countIntakeCases(), 4);
  });

  test('key reuse with another body is rejected', async () => {
    const response = await intake({ ...STUCK_ORDER, title: '另一个问题' }, 'order-0042-stuck');
    assert.equal(response.statusCode, 409);
    assert.equal(errorCode(response), 'idempotency-key-reused');
  });

  test('unique constraint guards the key', async () => {
    await assert.rejects(
      async () =>
        await server.store.sql
          .run(`INSERT INTO intake_requests (owner_id, idempotency_key, request_hash, case_id, created_at)
             SELECT owner_id, idempotency_key, 'x', case_id, created_at FROM intake_requests LIMIT 1`),
      /UNIQUE constraint failed|duplicate key value/,
    );
  });

  test('missing idempotency key is rejected', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/intake',
      headers: { authorization: `Bearer ${intakeToken}` },
      payload: STUCK_ORDER,
    });
    assert.equal(response.statusCode, 400);
    assert.equal(errorCode(response), 'invalid-request');
    assert.match(response.json().error.message, /idempotency-key/);
  });

  test('session cannot use intake', async () => {
    const response = await admin.request('POST', '/api/v1/intake', STUCK_ORDER);
    assert.equal(response.statusCode, 403);
    assert.equal(errorCode(response), 'token-required');
  });

  test('intake token cannot read cases', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${intakeToken}` },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(errorCode(response), 'forbidden');
  });

  test('api token acts as its owner', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${apiToken}` },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().user.role, 'admin');
    assert.equal(response.json().csrfToken, null);
  });

  test('api token needs no csrf header', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/triage',
      headers: { authorization: `Bearer ${apiToken}` },
      payload: { text: '免费证书一直在审核中' },
    });
    assert.equal(response.statusCode, 200);
  });

  test('malformed token is rejected', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/v1/cases',
      headers: { authorization: 'Bearer cbk_not-a-real-token' },
    });
    assert.equal(response.statusCode, 401);
    assert.equal(errorCode(response), 'invalid-token');
  });

  test('revoked token is rejected', async () => {
    const created = await admin.request('POST', '/api/v1/tokens', { name: 'short', scope: 'api' });
    const { token, apiToken: meta } = created.json();
    const revoke = await admin.request('DELETE', `/api/v1/tokens/${meta.id}`);
    assert.equal(revoke.statusCode, 200);
    assert.equal(typeof revoke.json().revokedAt, 'string');
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.statusCode, 401);
    assert.equal(errorCode(response), 'invalid-token');
  });

  test('customer token cannot open intake cases', async () => {
    const customer = await signup(server.app, 'token-owner@example.com');
    const created = await admin.request('POST', '/api/v1/tokens', {
      name: 'customer script',
      scope: 'intake',
      userId: customer.user.id,
    });
    const response = await intake(STUCK_ORDER, 'customer-key', created.json().token);
    assert.equal(response.statusCode, 403);
  });

  test('only admins create tokens', async () => {
    const customer = await signup(server.app, 'wants-token@example.com');
    const response = await customer.request('POST', '/api/v1/tokens', {
      name: 'mine',
      scope: 'api',
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().token, undefined);
  });
});
