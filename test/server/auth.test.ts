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

describe('accounts and sessions', () => {
  let server: TestServer;
  let admin: Client;

  before(async () => {
    server = await startTestServer();
    admin = await login(server.app, server.admin.email, server.admin.password);
  });
  after(() => server.close());

  test('signup creates a customer session', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'Li.Na@Example.com', password: 'a-long-password', name: '李娜' },
    });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.equal(body.user.role, 'customer');
    assert.equal(body.user.email, 'li.na@example.com');
    assert.equal(typeof body.csrfToken, 'string');
    assert.equal(body.user.passwordHash, undefined);
  });

  test('session cookie is httpOnly and lax', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'li.na@example.com', password: 'a-long-password' },
    });
    const cookie = response.cookies.find((c) => c.name === 'casebook_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/api');
    assert.equal(cookie.secure, undefined);
  });

  test('signup rejects a taken e-mail address', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'li.na@example.com', password: 'another-password', name: 'x' },
    });
    assert.equal(response.statusCode, 409);
    assert.equal(errorCode(response), 'email-taken');
  });

  test('me returns user and csrf token', async () => {
    const client = await signup(server.app, 'me@example.com');
    const response = await client.request('GET', '/api/v1/auth/me');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().user.email, 'me@example.com');
    assert.equal(response.json().csrfToken, client.csrfToken);
  });

  test('me without a session is 401', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    assert.equal(response.statusCode, 401);
    assert.equal(errorCode(response), 'authentication-required');
    assert.equal(response.json().user, undefined);
  });

  test('session answers 200 either way', async () => {
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    assert.equal(anonymous.statusCode, 200);
    assert.deepEqual(anonymous.json(), { user: null, csrfToken: null });

    const client = await signup(server.app, 'session@example.com');
    const signedIn = await client.request('GET', '/api/v1/auth/session');
    assert.equal(signedIn.statusCode, 200);
    assert.equal(signedIn.json().user.email, 'session@example.com');
    assert.equal(signedIn.json().csrfToken, client.csrfToken);

    const badToken = await server.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { authorization: 'Bearer cbk_unknown' },
    });
    assert.equal(badToken.statusCode, 401);
  });

  test('wrong password is rejected', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'me@example.com', password: 'not-the-password' },
    });
    assert.equal(response.statusCode, 401);
    assert.equal(errorCode(response), 'invalid-credentials');
  });

  test('unknown e-mail gets the same error', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.com', password: 'whatever-password' },
    });
    assert.equal(response.statusCode, 401);
    assert.equal(errorCode(response), 'invalid-credentials');
  });

  test('logout ends the session', async () => {
    const client = await signup(server.app, 'logout@example.com');
    const logout = await client.request('POST', '/api/v1/auth/logout');
    assert.equal(logout.statusCode, 204);
    const me = await client.request('GET', '/api/v1/auth/me');
    assert.equal(me.statusCode, 401);
  });

  test('state change without csrf header is rejected', async () => {
    const client = await signup(server.app, 'csrf@example.com');
    const response = await client.request(
      'POST',
      '/api/v1/cases',
      { title: '无法上传', description: '上传文件报错 403' },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.equal(errorCode(response), 'csrf-token-invalid');
    const count = (await server.store.sql.get(
      "SELECT count(*) AS n FROM cases WHERE title = '无法上传'",
    )) as { n: number };
    assert.equal(count.n, 0);
  });

  test('wrong csrf token is rejected', async () => {
    const client = await signup(server.app, 'csrf2@example.com');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { casebook_session: client.cookie },
      headers: { 'x-csrf-token': 'forged' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(errorCode(response), 'csrf-token-invalid');
  });

  test('session survives an app restart', async () => {
    const client = await signup(server.app, 'restart@example.com');
    const { buildApp } = await import('../../src/server/index.js');
    const second = await buildApp({ store: server.store, logger: false, webRoot: null });
    const response = await second.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { casebook_session: client.cookie },
    });
    await second.close();
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().user.email, 'restart@example.com');
  });

  test('password change keeps the new session', async () => {
    const client = await signup(server.app, 'change@example.com', 'first-password-1');
    const response = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: 'first-password-1',
      newPassword: 'second-password-2',
    });
    assert.equal(response.statusCode, 200);
    const old = await client.request('GET', '/api/v1/auth/me');
    assert.equal(old.statusCode, 401);
    const again = await login(server.app, 'change@example.com', 'second-password-2');
    assert.equal(again.user.email, 'change@example.com');
  });

  test('stored password is a versioned scrypt hash', async () => {
    const row = (await server.store.sql.get(
      "SELECT password_hash FROM users WHERE email = 'me@example.com'",
    )) as { password_hash: string };
    assert.match(row.password_hash, /^\$scrypt\$v=1\$ln=15,r=8,p=1\$/);
  });

  test('disabled account cannot log in', async () => {
    const agent = await createAccount(admin, 'disabled@example.com', 'agent');
    const disable = await admin.request('PATCH', `/api/v1/users/${agent.user.id}`, {
      disabled: true,
    });
    assert.equal(disable.statusCode, 200);
    const me = await agent.request('GET', '/api/v1/auth/me');
    assert.equal(me.statusCode, 401);
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'disabled@example.com', password: 'account-pass-1' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(errorCode(response), 'account-disabled');
  });

  test('customer cannot manage users', async () => {
    const customer = await signup(server.app, 'nosy@example.com');
    const list = await customer.request('GET', '/api/v1/users');
    assert.equal(list.statusCode, 403);
    assert.equal(errorCode(list), 'forbidden');
    assert.equal(list.json().items, undefined);
  });

  test('last admin cannot be demoted', async () => {
    const response = await admin.request('PATCH', `/api/v1/users/${admin.user.id}`, {
      role: 'agent',
    });
    assert.equal(response.statusCode, 409);
    assert.equal(errorCode(response), 'last-admin');
  });

  test('user change writes an audit entry', async () => {
    const agent = await createAccount(admin, 'promoted@example.com', 'agent');
    await admin.request('PATCH', `/api/v1/users/${agent.user.id}`, { role: 'admin' });
    const log = await admin.request(
      'GET',
      `/api/v1/audit-log?action=user.update&targetId=${agent.user.id}`,
    );
    assert.equal(log.statusCode, 200);
    const [entry] = log.json().items;
    assert.equal(entry.actorId, admin.user.id);
    assert.equal(entry.details.role, 'admin');
  });
});
